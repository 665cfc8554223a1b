import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OperationDurations } from '../../src/apply/operation-durations.ts';
import type { ProgressEvent } from '../../src/aws/cloud-control-port.ts';
import { RETRY_AFTER_CAP_MS } from '../../src/retry/policy.ts';

const update: ProgressEvent = {
  typeName: 'AWS::ApiGateway::Stage',
  identifier: 'abc|prod',
  requestToken: 'req-1',
  operation: 'UPDATE',
  status: 'IN_PROGRESS',
};

/** A write's first event, begun by AWS at `ms` (its EventTime). */
const begunAt = (ms: number, event: ProgressEvent = update): ProgressEvent => ({
  ...event,
  eventTime: new Date(ms),
});

describe('OperationDurations', () => {
  it('knows nothing before AWS has said when an operation ends', () => {
    assert.equal(new OperationDurations().firstPollAt(begunAt(0), 10), undefined);
  });

  it('keeps the shortest time AWS expected, from EventTime to RetryAfter, per type and operation', () => {
    const durations = new OperationDurations();
    durations.expects(begunAt(1_000), 1_050, new Date(4_000));
    durations.expects(begunAt(2_000), 2_050, new Date(4_500));
    durations.expects(begunAt(3_000), 3_050, new Date(9_000));
    // AWS's clock on both ends: the answer's 50 ms in transit does not count.
    assert.equal(durations.firstPollAt(begunAt(10_000), 10_050), 12_500);
    assert.equal(
      durations.firstPollAt(begunAt(0, { ...update, operation: 'DELETE' }), 0),
      undefined,
    );
    const v2 = { ...update, typeName: 'AWS::ApiGatewayV2::Stage' };
    assert.equal(durations.firstPollAt(begunAt(0, v2), 0), undefined);
  });

  it("never waits longer after the write answered than the time, if AWS's clock runs ahead", () => {
    const durations = new OperationDurations();
    durations.expects(begunAt(1_000), 1_050, new Date(4_000));
    // EventTime an hour in our future: the poll still goes 3 s after the answer.
    assert.equal(durations.firstPollAt(begunAt(3_610_000), 10_000), 13_000);
  });

  it('counts from the answer when the first event has no EventTime', () => {
    const durations = new OperationDurations();
    durations.expects(update, 1_000, new Date(3_000));
    assert.equal(durations.firstPollAt(update, 5_000), 7_000);
  });

  it('ignores a RetryAfter already past, and never waits longer than the RetryAfter cap', () => {
    const durations = new OperationDurations();
    durations.expects(begunAt(5_000), 5_000, new Date(4_000));
    assert.equal(durations.firstPollAt(begunAt(0), 0), undefined);
    durations.expects(begunAt(0), 0, new Date(RETRY_AFTER_CAP_MS * 3));
    assert.equal(durations.firstPollAt(begunAt(0), 0), RETRY_AFTER_CAP_MS);
  });
});
