/**
 * Removals that stick (README, "How the plan is computed"): fields a push's previous specs
 * declared inside objects AWS keeps (an access-log format, a canary's traffic share, one field
 * of a method setting) and the new specs drop are planned as removals, applied without a failed
 * write, gone from AWS afterwards, and the next plan is empty. The workspace is a git repository
 * and each run is the push of its commit, as on a runner with the history checked out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runAction, type ActionRun } from '../support/run-action.ts';
import { PAYLOADS } from './github-world.ts';
import { describeRun, startApplyWorld, writeCalls, type ApplyWorld } from './apply-world.ts';
import { gitIn } from '../support/git-workspace.ts';

let world: ApplyWorld;
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:stage-sync-e2e';
const NO_COMMIT = '0'.repeat(40);

const git = (...args: string[]): string => gitIn(world.workspace)(...args);

/** Commits the workspace as it is and returns the commit's sha. */
function commit(message: string): string {
  git('add', '-A');
  git('commit', '-qm', message, '--allow-empty');
  return git('rev-parse', 'HEAD');
}

/** The push of `sha` onto the default branch, whose tip was `before`. */
function push(sha: string, beforeSha: string): Promise<ActionRun> {
  const payload = { ...PAYLOADS.pushToDefaultBranch(), before: beforeSha, after: sha };
  return runAction({
    workspace: world.workspace,
    eventName: 'push',
    payload,
    sha,
    ref: 'refs/heads/master',
    repository: 'octo-org/platform-stages',
    inputs: { comment: 'false' },
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: world.emulator.url },
  });
}

function spec(options: { format: boolean; share: boolean; burst: boolean }): string {
  const [live, canary] = world.deploymentIds;
  return [
    'stages:',
    '  Release:',
    `    RestApiId: ${world.restApiId}`,
    `    DeploymentId: ${live}`,
    '    StageName: release',
    '    AccessLogSetting:',
    `      DestinationArn: ${LOG_GROUP}`,
    ...(options.format ? ['      Format: $context.requestId $context.status'] : []),
    '    CanarySetting:',
    `      DeploymentId: ${canary}`,
    ...(options.share ? ['      PercentTraffic: 25'] : []),
    '    MethodSettings:',
    '      - ResourcePath: /*',
    "        HttpMethod: '*'",
    '        ThrottlingRateLimit: 100',
    ...(options.burst ? ['        ThrottlingBurstLimit: 50'] : []),
    '',
  ].join('\n');
}

type Model = Record<string, unknown>;

before(async () => {
  world = await startApplyWorld();
  world.removeSpec('alchemy-stages.yml');
  git('init', '-q');
});
after(() => world.close());

let last = NO_COMMIT;

test('the first push creates the stage with everything the specs declare', async () => {
  world.writeSpec(spec({ format: true, share: true, burst: true }), 'release.yml');
  const sha = commit('declare the release stage');
  const run = await push(sha, last);
  last = sha;
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.creates, '1');
  const stage = world.readStage('release');
  assert.equal((stage?.AccessLogSetting as Model).Format, '$context.requestId $context.status');
  assert.equal((stage?.CanarySetting as Model).PercentTraffic, 25);
});

test('dropping a log format, a canary share and a method-setting field plans three removals and applies them', async () => {
  world.writeSpec(spec({ format: false, share: false, burst: false }), 'release.yml');
  const sha = commit('drop three fields');
  world.emulator.clearCalls();
  const run = await push(sha, last);
  last = sha;
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.updates, '1');
  for (const path of [
    'AccessLogSetting.Format',
    'CanarySetting.PercentTraffic',
    'MethodSettings[* /*].ThrottlingBurstLimit',
  ])
    assert.ok(run.summary.includes(path), `the plan shows ${path} removed:\n${run.summary}`);
  assert.deepEqual(
    writeCalls(world.emulator.calls).map((call) => `${call.operation} ${call.outcome}`),
    ['UpdateResource ok'],
    'one accepted write, nothing refused',
  );
  assert.doesNotMatch(run.stdout, /::error::/);
  const stage = world.readStage('release');
  assert.equal((stage?.AccessLogSetting as Model).Format, undefined, 'the format is gone');
  assert.equal((stage?.AccessLogSetting as Model).DestinationArn, LOG_GROUP, 'its sibling stays');
  assert.notEqual((stage?.CanarySetting as Model).PercentTraffic, 25, 'the share is no longer 25');
  const setting = ((stage?.MethodSettings as Model[]) ?? [])[0] ?? {};
  assert.notEqual(setting.ThrottlingBurstLimit, 50, 'the burst limit is no longer 50');
  assert.equal(setting.ThrottlingRateLimit, 100);
});

test('the next push of the same specs plans nothing and writes nothing', async () => {
  const sha = commit('an unrelated commit');
  world.emulator.clearCalls();
  const run = await push(sha, last);
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['has-changes'], 'false');
  assert.deepEqual(writeCalls(world.emulator.calls), []);
});
