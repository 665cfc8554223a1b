import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RESENDABLE_CODES, withResends } from '../../src/apply/resend.ts';
import { resolveApplyOptions } from '../../src/apply/options.ts';
import type { StageContext } from '../../src/apply/stage-context.ts';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';

function context(maxSyncRetries: number): StageContext {
  const clock = fakeClock();
  const resolved = resolveApplyOptions({
    maxConcurrency: 1,
    operationTimeoutMs: 1_000,
    commitSha: 'abc',
    repository: 'acme/api',
    replan: async () => undefined,
    sleep: clock.sleep,
    now: clock.now,
    limits: { maxSyncRetries },
    retryBackoff: { baseMs: 10, factor: 2, capMs: 40 },
  });
  return { ...resolved, port: new FakeCloudControl(clock), runStartedMs: clock.now() };
}

/** A call failing with `errors` in turn, then returning 'ok'. */
function flaky(...errors: Error[]): { call: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    call: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

const throttled = (): CloudControlError =>
  new CloudControlError('ThrottlingException', 'Rate exceeded');

describe('withResends', () => {
  it('takes its resendable codes from the recovery table', () => {
    assert.deepEqual([...RESENDABLE_CODES].sort(), [
      'NetworkFailureException',
      'ServiceInternalErrorException',
      'ThrottlingException',
    ]);
  });

  it('repeats a throttled call until it goes through', async () => {
    const { call, calls } = flaky(throttled(), throttled());
    assert.equal(await withResends(context(3), call), 'ok');
    assert.equal(calls(), 3);
  });

  it('gives up after maxSyncRetries, with the last error', async () => {
    const last = throttled();
    const { call, calls } = flaky(throttled(), throttled(), last);
    await assert.rejects(withResends(context(2), call), (error) => error === last);
    assert.equal(calls(), 3);
  });

  it('does not repeat a call refused for a lasting reason', async () => {
    const denied = new CloudControlError('AccessDeniedException', 'not authorized');
    const { call, calls } = flaky(denied);
    await assert.rejects(withResends(context(5), call), (error) => error === denied);
    assert.equal(calls(), 1);
  });
});
