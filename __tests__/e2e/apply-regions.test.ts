/**
 * No perpetual diffs where AWS's filled-in values depend on region, quota and history (README,
 * "How the plan is computed"; docs/reference/aws-recorded-behaviour.md facts 21, 25, 30, 31): the
 * seed examples plus a stage-wide `*` `/*` setting with a per-method override that sets only its
 * throttle converge (apply, then a plan with nothing to do) in us-east-1, in eu-south-1 (a
 * lower account quota) and in an account whose quota was raised, through the bundle.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { describeRun, startApplyWorld, writeCalls } from './apply-world.ts';

const SETTINGS = [
  { region: 'us-east-1', quota: undefined },
  { region: 'eu-south-1', quota: undefined },
  { region: 'us-east-1', quota: { rateLimit: 40_000, burstLimit: 20_000 } },
] as const;

for (const { region, quota } of SETTINGS) {
  test(`converges in ${region}${quota ? ' with a raised account quota' : ''}`, async (t) => {
    const world = await startApplyWorld(quota ? { accountThrottle: quota } : {});
    t.after(() => world.close());
    world.writeSpec(
      [
        'stages:',
        '  WideStage:',
        `    RestApiId: ${world.restApiId}`,
        `    DeploymentId: ${world.deploymentIds[0]}`,
        '    StageName: wide',
        '    CacheClusterEnabled: true',
        '    MethodSettings:',
        '      - ResourcePath: /*',
        "        HttpMethod: '*'",
        '        CachingEnabled: true',
        '        CacheTtlInSeconds: 120',
        '        MetricsEnabled: true',
        '      - ResourcePath: /orders',
        '        HttpMethod: GET',
        '        ThrottlingRateLimit: 50',
        '',
      ].join('\n'),
      'wide.yml',
    );
    const inputs = { 'aws-region': region };
    const first = await world.apply({ inputs });
    assert.equal(first.exitCode, 0, describeRun(first));
    assert.equal(first.outputs.creates, '4');

    // What AWS filled in reads back: the override inherited the stage-wide values (fact 21) and
    // the account throttle (fact 30); the cache got a size (fact 31).
    // As a GetResource signed for the run's region reads it (the quota is the region's).
    const wide = world.emulator.getReadModel(STAGE_TYPE_NAME, world.identifier('wide'), region);
    const override = (wide?.MethodSettings as Record<string, unknown>[]).find(
      (setting) => setting.HttpMethod === 'GET',
    );
    assert.equal(override?.CachingEnabled, true);
    assert.equal(override?.CacheTtlInSeconds, 120);
    assert.equal(override?.ThrottlingRateLimit, 50);
    const burst = quota ? quota.burstLimit : region === 'eu-south-1' ? 1250 : 5000;
    assert.equal(override?.ThrottlingBurstLimit, burst);
    assert.equal(wide?.CacheClusterSize, '0.5');

    world.emulator.clearCalls();
    const second = await world.apply({ inputs });
    assert.equal(second.exitCode, 0, describeRun(second));
    assert.equal(second.outputs['has-changes'], 'false', describeRun(second));
    assert.equal(second.outputs.unchanged, '4');
    assert.deepEqual(writeCalls(world.emulator.calls), [], 'nothing to write');
  });
}
