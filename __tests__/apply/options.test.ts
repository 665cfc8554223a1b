import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareByStageType,
  DEFAULT_RETRY_LIMITS,
  defaultSleep,
  resolveApplyOptions,
  type ApplyOptions,
} from '../../src/apply/options.ts';
import { POLLING as DEFAULT_POLLING } from '../../src/retry/policy.ts';
import { STAGE_TYPE_NAME, V2_STAGE_TYPE_NAME } from '../../src/model/stage.ts';

const minimal: ApplyOptions = {
  maxConcurrency: 0,
  operationTimeoutMs: 1_000,
  commitSha: 'abc',
  repository: 'acme/api',
  replan: async () => undefined,
};

describe('defaultSleep', () => {
  it(
    'ends as soon as the signal aborts, so SIGTERM never waits out a backoff',
    { timeout: 5_000 },
    async () => {
      const controller = new AbortController();
      const sleeping = defaultSleep(3_600_000, controller.signal);
      controller.abort();
      await sleeping;
      await defaultSleep(3_600_000, controller.signal);
      assert.ok(controller.signal.aborted);
    },
  );

  it('ends after the delay without a signal', async () => {
    await defaultSleep(1);
  });
});

describe('compareByStageType', () => {
  it('judges a read-back by its stage type’s rules', () => {
    // An auto-deploy V2 stage reads back with the DeploymentId and route-setting flag the service
    // fills in (docs/evidence/apigatewayv2-stage.md items 4 and 7): no drift for V2.
    const planned = { ApiId: 'z1mf4h761f', StageName: '$default', AutoDeploy: true };
    const readBack = {
      ...planned,
      DeploymentId: '1axai8',
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
    };
    assert.deepEqual(compareByStageType(planned, readBack, V2_STAGE_TYPE_NAME), []);
    assert.ok(compareByStageType(planned, readBack, STAGE_TYPE_NAME).length > 0);
  });
});

describe('resolveApplyOptions', () => {
  it('fills in the defaults and keeps at least one write in flight', () => {
    const resolved = resolveApplyOptions(minimal);
    assert.equal(resolved.maxConcurrency, 1);
    assert.deepEqual(resolved.limits, DEFAULT_RETRY_LIMITS);
    assert.deepEqual(resolved.polling, DEFAULT_POLLING);
    assert.equal(resolved.compare, compareByStageType);
    assert.equal(resolved.recheckBeforeWrite, true);
  });

  it('merges partial limits and policies over the defaults', () => {
    const resolved = resolveApplyOptions({
      ...minimal,
      limits: { maxAttempts: 7 },
      polling: { baseMs: 5 },
    });
    assert.deepEqual(resolved.limits, { ...DEFAULT_RETRY_LIMITS, maxAttempts: 7 });
    assert.deepEqual(resolved.polling, { ...DEFAULT_POLLING, baseMs: 5 });
  });

  it('shields the apply from a progress callback that throws', () => {
    const resolved = resolveApplyOptions({
      ...minimal,
      onProgress: () => {
        throw new Error('broken logger');
      },
    });
    assert.doesNotThrow(() =>
      resolved.onProgress({
        type: 'started',
        name: 'a',
        identifier: 'a|b',
        action: 'create',
        elapsedMs: 0,
      }),
    );
  });
});
