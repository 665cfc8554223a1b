/**
 * Fact 33 of docs/reference/aws-recorded-behaviour.md: GetResource can answer NotFound right after
 * a create succeeded (pulumi-aws-native PR #1809: "eventual consistency in AWS may cause some
 * resources to fail with NotFound in Get even after WaitForResourceOpCompletion succeeded"; the
 * reviewer: "usually in the millis"). This remembers when each resource was created and says
 * whether a read still misses it under the `readAfterCreateLag` knob.
 */
import type { ReadAfterCreateLag } from '../knobs.ts';

interface Created {
  readonly at: number;
  misses: number;
}

export class CreationLag {
  private readonly created = new Map<string, Created>();

  /** Notes that a create of this resource ended at `now` (ms), when the knob is on. */
  noteCreated(key: string, now: number, lag: ReadAfterCreateLag): void {
    if (lag.ms > 0 || lag.calls > 0) this.created.set(key, { at: now, misses: 0 });
  }

  /**
   * Whether a read at `now` misses the resource: within `lag.ms` of its create, or among its
   * first `lag.calls` reads. Counts the miss.
   */
  misses(key: string, now: number, lag: ReadAfterCreateLag): boolean {
    const entry = this.created.get(key);
    if (!entry) return false;
    if (now - entry.at < lag.ms || entry.misses < lag.calls) {
      entry.misses += 1;
      return true;
    }
    this.created.delete(key);
    return false;
  }
}
