import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProgressEvent } from '../../src/aws/cloud-control-port.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import {
  CANCELED_CODE,
  RECOVERY_RULES,
  chooseRecovery,
  type WriteAction,
  type WriteFailure,
} from '../../src/retry/recovery-rules.ts';

const RUN_START = Date.UTC(2026, 0, 1, 12);
const SKEW = 60_000;

function failed(code: string, eventTime = new Date(RUN_START + 5_000)): WriteFailure {
  const event: ProgressEvent = {
    typeName: 'AWS::ApiGateway::Stage',
    requestToken: 'req-1',
    operation: 'CREATE',
    status: code === CANCELED_CODE ? 'CANCEL_COMPLETE' : 'FAILED',
    errorCode: code,
    eventTime,
  };
  return { origin: 'async', code, event };
}

const refused = (code: string): WriteFailure => ({ origin: 'sync', code, message: 'x' });

const recovery = (failure: WriteFailure, action: WriteAction): string =>
  chooseRecovery(failure, action, RUN_START, SKEW).recovery;

describe('chooseRecovery', () => {
  it('resends a request Cloud Control refused for throttling or a server fault', () => {
    for (const code of [
      'ThrottlingException',
      'ServiceInternalErrorException',
      'NetworkFailureException',
      TRANSPORT_ERROR,
    ]) {
      assert.equal(recovery(refused(code), 'update'), 'resend', code);
    }
  });

  it('waits and re-plans when another operation holds the stage', () => {
    for (const action of ['create', 'update', 'delete'] as const) {
      assert.equal(recovery(refused('ConcurrentOperationException'), action), 'wait-and-replan');
    }
  });

  it('continues from the existing stage after AlreadyExists, but only for a create', () => {
    assert.equal(recovery(failed('AlreadyExists'), 'create'), 'replan');
    assert.equal(recovery(failed('AlreadyExists'), 'update'), 'fail');
  });

  it('treats NotFound as done for a delete, a re-plan for an update, a failure for a create', () => {
    assert.equal(recovery(failed('NotFound'), 'delete'), 'done');
    assert.equal(recovery(refused('ResourceNotFoundException'), 'delete'), 'done');
    assert.equal(recovery(failed('NotFound'), 'update'), 'replan');
    assert.equal(recovery(refused('ResourceNotFoundException'), 'update'), 'replan');
    assert.equal(recovery(failed('NotFound'), 'create'), 'fail');
  });

  it('retries retryable handler codes against the attempts budget with a fresh token', () => {
    for (const code of [
      'Throttling',
      'NetworkFailure',
      'ServiceInternalError',
      'InternalFailure',
    ]) {
      const rule = chooseRecovery(failed(code), 'update', RUN_START, SKEW);
      assert.equal(rule.recovery, 'retry', code);
      assert.equal(rule.budget, 'attempts', code);
    }
  });

  it('redoes a request that was cancelled, outside the attempts budget', () => {
    const rule = chooseRecovery(failed(CANCELED_CODE), 'create', RUN_START, SKEW);
    assert.deepEqual([rule.recovery, rule.budget], ['retry', 'replays']);
  });

  it('fails on anything it has no rule for', () => {
    assert.equal(recovery(failed('InvalidRequest'), 'create'), 'fail');
    assert.equal(recovery(failed('AccessDenied'), 'update'), 'fail');
    assert.equal(recovery(refused('ValidationException'), 'update'), 'fail');
    assert.equal(recovery(refused('ClientTokenConflictException'), 'create'), 'fail');
    // A handler code arriving as an exception name does not match the asynchronous rule.
    assert.equal(recovery(refused('AlreadyExists'), 'create'), 'fail');
  });

  it('recognises a FAILED event from before the run as a replay of an earlier run, whatever the code', () => {
    const old = new Date(RUN_START - 2 * 3_600_000);
    const rule = chooseRecovery(failed('InvalidRequest', old), 'update', RUN_START, SKEW);
    assert.deepEqual([rule.recovery, rule.budget], ['retry', 'replays']);
    // Within the skew allowance it is this run's own failure.
    const recent = new Date(RUN_START - SKEW / 2);
    assert.equal(recovery(failed('InvalidRequest', recent), 'update'), 'fail');
  });

  it('recognises a FAILED event that answered the write itself as a replay, however recent', () => {
    const replayed: WriteFailure = { ...failed('InvalidRequest'), replayed: true };
    const rule = chooseRecovery(replayed, 'update', RUN_START, SKEW);
    assert.deepEqual([rule.recovery, rule.budget], ['retry', 'replays']);
  });

  it('gives every rule a note and a source', () => {
    for (const rule of RECOVERY_RULES) {
      assert.ok(rule.note.length > 0 && rule.source.length > 0, rule.codes.join());
      assert.ok(rule.codes.length > 0);
    }
  });
});
