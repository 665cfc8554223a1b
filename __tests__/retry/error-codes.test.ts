import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESENDABLE_CODES,
  TRANSPORT_ERROR,
  alreadyFinishedStatus,
} from '../../src/retry/error-codes.ts';
import { RECOVERY_RULES } from '../../src/retry/recovery-rules.ts';

describe('the failure vocabulary', () => {
  it('lets the recovery rules resend exactly the codes the adapter and AWS use for resendable refusals', () => {
    const resent = RECOVERY_RULES.filter(
      (rule) => rule.origin === 'sync' && rule.recovery === 'resend',
    ).flatMap((rule) => rule.codes);
    assert.deepEqual(resent.sort(), [...RESENDABLE_CODES].sort());
    assert.ok(RESENDABLE_CODES.has(TRANSPORT_ERROR), 'a transport fault is resent');
    assert.ok(RESENDABLE_CODES.has('NetworkFailureException'), "and so is AWS's own");
  });

  it('reads the final status from a cancel refused because the request had finished (fact 10)', () => {
    assert.equal(
      alreadyFinishedStatus('ValidationException', 'Request 1a2b is already in status SUCCESS'),
      'SUCCESS',
    );
    assert.equal(
      alreadyFinishedStatus('ValidationException', 'Request 1a2b is already in status FAILED'),
      'FAILED',
    );
    assert.equal(
      alreadyFinishedStatus('ValidationException', 'Model validation failed'),
      undefined,
    );
    assert.equal(
      alreadyFinishedStatus('ThrottlingException', 'Request 1a2b is already in status SUCCESS'),
      undefined,
    );
  });
});
