/**
 * How long this run's operations take, as AWS says while they run, so that later writes of the
 * same kind wait that long before their first status poll.
 *
 * Why. A write's first ProgressEvent carries no `RetryAfter` (docs/reference/aws-recorded-
 * behaviour.md fact 1), so its first poll is a guess on the `POLLING` curve; a later event's
 * `RetryAfter` (fact 2) says when AWS expects the operation to end. Without this, every
 * operation that outlasts the curve's first delay costs two polls: one to be told when, one to
 * see it done (bench/README.md, "Refill between throttles, first polls learnt": 120 polls for 60
 * updates). In a shared account each extra poll counts against the same limits as other teams'.
 *
 * The rule. Per resource type and operation (an update and a create of one type take their own
 * time), the shortest time AWS has expected one to take, from the `EventTime` of its first event
 * (when AWS began it) to a later event's `RetryAfter`: both are AWS's clock, so neither the
 * answer's transit nor clock skew enters the figure. The next operation's first poll goes at its
 * own `EventTime` plus that time, as if its first event had carried that `RetryAfter`; polling
 * at the shortest is never later than the quickest such operation was expected to end. The first
 * poll never comes earlier than the curve would send it, so an operation that ends sooner than
 * all before it costs at most that difference, and one that runs longer gets a `RetryAfter` from
 * its first poll as before. An event without `EventTime` counts from when its write answered,
 * and no first poll waits longer after the write answered than that time.
 */
import type { ProgressEvent } from '../aws/cloud-control-port.ts';
import { RETRY_AFTER_CAP_MS } from '../retry/policy.ts';

export class OperationDurations {
  private readonly shortestMs = new Map<string, number>();

  /** AWS expects the operation begun by `first` (answered at `answeredAt`) to end at `retryAfter`. */
  expects(first: ProgressEvent, answeredAt: number, retryAfter: Date): void {
    const ms = retryAfter.getTime() - startOf(first, answeredAt);
    if (!(ms > 0)) return;
    const key = keyOf(first);
    this.shortestMs.set(key, Math.min(this.shortestMs.get(key) ?? Number.POSITIVE_INFINITY, ms));
  }

  /**
   * When to poll the operation begun by `first` (answered at `answeredAt`) first, epoch ms, if an
   * operation of its kind has told its time; never further off than `RETRY_AFTER_CAP_MS`.
   */
  firstPollAt(first: ProgressEvent, answeredAt: number): number | undefined {
    const known = this.shortestMs.get(keyOf(first));
    if (known === undefined) return undefined;
    const ms = Math.min(known, RETRY_AFTER_CAP_MS);
    // AWS's clock ahead of ours would put its EventTime in our future: never later than that
    // time after the write answered here.
    return Math.min(startOf(first, answeredAt), answeredAt) + ms;
  }
}

function startOf(first: ProgressEvent, answeredAt: number): number {
  return first.eventTime?.getTime() ?? answeredAt;
}

function keyOf(event: ProgressEvent): string {
  return `${event.typeName} ${event.operation}`;
}
