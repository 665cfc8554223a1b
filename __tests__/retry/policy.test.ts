import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CALL_TIMEOUTS,
  RETRY_AFTER_CAP_MS,
  RETRY_BACKOFF,
  requestTimeoutFor,
} from '../../src/retry/policy.ts';

describe('the retry policy', () => {
  it('keeps every call within an operation timeout shorter than the request timeout', () => {
    assert.equal(requestTimeoutFor(2_000), 2_000);
    assert.equal(requestTimeoutFor(600_000), CALL_TIMEOUTS.requestMs);
    assert.equal(requestTimeoutFor(undefined), CALL_TIMEOUTS.requestMs);
    assert.equal(requestTimeoutFor(0), CALL_TIMEOUTS.requestMs);
  });

  it("caps AWS's RetryAfter at the apply's own longest retry wait", () => {
    assert.equal(RETRY_AFTER_CAP_MS, RETRY_BACKOFF.capMs);
  });
});
