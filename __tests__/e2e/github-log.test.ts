/**
 * "outputs and logs" (README, "What each event does"): the log reads well in the Actions UI (the plan and the apply each
 * in a `::group::`, one line per stage with its duration), and secrets never appear, even with
 * step debugging on: not the token, not the AWS secret key or session token, in the log, the
 * job summary, the outputs, the plan-json file or anything sent to GitHub.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  AWS_SECRET_ACCESS_KEY,
  DEPLOYMENTS,
  PAYLOADS,
  REST_API_ID,
  TOKENS,
  describeRun,
  stageSpec,
  worldFor,
  type StepResult,
} from './github-world.ts';

const PR_NUMBER = 2;
const MERGE_SHA = String(PAYLOADS.pushToDefaultBranch()['after']);
const SPEC = stageSpec({
  Production: { name: 'prod', description: 'Production stage' },
  Staging: { name: 'staging', description: 'Staging stage' },
});

/** The lines between `::group::<title…>` and the next `::endgroup::`. */
function group(stdout: string, title: RegExp): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('::group::') && title.test(line));
  assert.ok(start >= 0, `a group titled ${title} in:\n${stdout}`);
  const end = lines.findIndex((line, i) => i > start && line === '::endgroup::');
  assert.ok(end > start, 'the group is closed');
  assert.ok(
    lines.slice(start + 1, end).every((line) => !line.startsWith('::group::')),
    'groups do not nest',
  );
  return lines.slice(start + 1, end);
}

test('the log: the plan and the apply each in a group, one line per stage with its duration', async (t) => {
  const world = await worldFor(t, SPEC, {
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
    },
  });
  const run = await world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });
  assert.equal(run.exitCode, 0, describeRun(run));

  const plan = group(run.stdout, /^::group::Plan: 2 to create, 0 to update, 0 to delete$/);
  for (const name of ['Production', 'Staging']) {
    assert.equal(
      plan.filter((line) => /^\s+\+ create\s/.test(line) && line.includes(` ${name} `)).length,
      1,
      `${name} is planned on a line of its own`,
    );
  }
  assert.ok(plan.some((line) => line.startsWith('Plan: 2 to create')));

  const apply = group(run.stdout, /^::group::Applying 2 change\(s\)$/);
  for (const name of ['Production', 'Staging']) {
    const settled = apply.filter((line) => line.includes(` ${name} applied in `));
    assert.equal(settled.length, 1, `${name} settles on one line:\n${apply.join('\n')}`);
    assert.match(settled[0] ?? '', /^\[\s*\d+\.\ds\] create\s+\S+ applied in \d+\.\ds$/);
  }
  // Outside the groups, the log is a handful of lines saying what happened.
  const outside = run.stdout
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('::'))
    .filter((line) => !plan.includes(line) && !apply.includes(line));
  assert.ok(outside.length <= 6, `a short log outside the groups:\n${outside.join('\n')}`);
  assert.ok(outside.some((line) => line.includes('push to the default branch master')));
});

const AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjE2eSessionTokenDoNotLeakXyZ0987654321';
const DEBUG_ENV = {
  ACTIONS_STEP_DEBUG: 'true',
  RUNNER_DEBUG: '1',
  AWS_SESSION_TOKEN,
};

/** Where a secret may be found in a run: nowhere, except the `::add-mask::` lines. */
function assertNoSecret(run: StepResult, secret: string, sentToGitHub: readonly unknown[]): void {
  const places: Record<string, string> = {
    'stdout (other than ::add-mask::)': run.stdout
      .split('\n')
      .filter((line) => line !== `::add-mask::${secret}`)
      .join('\n'),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    'plan-json': run.outputs['plan-json'] ? readFileSync(run.outputs['plan-json'], 'utf8') : '',
    'bodies sent to GitHub': JSON.stringify(sentToGitHub),
  };
  for (const [place, text] of Object.entries(places)) {
    assert.ok(!text.includes(secret), `${secret.slice(0, 8)}… appears in ${place}`);
  }
}

test('secrets never appear, even with step debugging on, on success and failure paths', async (t) => {
  const world = await worldFor(t, SPEC, {
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
    },
  });
  const unknownToken = 'ghp_e2eUnknownPersonalTokenDoNotLeak55555';
  const runs: [string, StepResult, string][] = [];
  const record = async (name: string, step: Parameters<typeof world.run>[0]) => {
    const run = await world.run({ ...step, env: { ...DEBUG_ENV, ...step.env } });
    runs.push([name, run, step.token ?? TOKENS.installation]);
    return run;
  };

  const planned = await record('pull_request', {
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: { prune: 'true' },
  });
  assert.equal(planned.exitCode, 0, describeRun(planned));
  const applied = await record('push', {
    eventName: 'push',
    payload: PAYLOADS.pushToDefaultBranch(),
  });
  assert.equal(applied.exitCode, 0, describeRun(applied));
  // GitHub refuses a token it does not know (401): the comment is not written, which warns
  // (behaviour change: it failed the run; a comment that cannot be written never does, the job
  // summary holds the plan), and says so without the token.
  const refused = await record('bad token', {
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
    token: unknownToken,
  });
  assert.equal(refused.exitCode, 0, describeRun(refused));
  const warning = refused.annotations.find((a) => a.level === 'warning')?.message ?? '';
  assert.match(warning, /\(bad-credentials\).*Bad credentials/);
  // AWS refuses the reads: the error is AWS's, and carries no key.
  world.emulator.knobs.injectedErrors.push({ errorName: 'AccessDeniedException' });
  const denied = await record('aws refused', {
    eventName: 'workflow_dispatch',
    payload: PAYLOADS.workflowDispatch(),
  });
  assert.equal(denied.outputs['failure-reason'], 'aws-read-failed', describeRun(denied));

  const sentToGitHub = world.github.calls.map((call) => call.body);
  for (const [name, run, token] of runs) {
    await t.test(name, () => {
      for (const secret of [token, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN]) {
        assert.ok(
          run.stdout.split('\n').includes(`::add-mask::${secret}`),
          `${secret.slice(0, 8)}… is masked for the runner`,
        );
        assertNoSecret(run, secret, sentToGitHub);
      }
    });
  }
});

test('the plan in the log: names and values from specs and AWS never read as workflow commands', async (t) => {
  const world = await worldFor(
    t,
    stageSpec({
      // In sync, so the name opens a line of the "Unchanged" list after its indent.
      '"::error title=Deploy blocked::forged"': { name: 'prod', description: 'Production stage' },
      Staging: { name: 'staging', description: 'Staging stage' },
    }),
  );
  const owned = [{ Key: 'stage-sync:managed-by', Value: 'Codertocat/Hello-World' }];
  const stage = { RestApiId: REST_API_ID, DeploymentId: DEPLOYMENTS[0], Tags: owned };
  world.emulator.putStage({ ...stage, StageName: 'prod', Description: 'Production stage' });
  // A value in AWS with the runner's older command syntax, which it finds anywhere in a line.
  world.emulator.putStage({ ...stage, StageName: 'staging', Description: '##[stop-commands]x1' });
  const run = await world.run({
    eventName: 'workflow_dispatch',
    payload: PAYLOADS.workflowDispatch(),
  });
  assert.equal(run.exitCode, 0, describeRun(run));

  const plan = group(run.stdout, /^::group::Plan: /);
  assert.ok(
    plan.some((line) => line.includes('stop-commands')),
    plan.join('\n'),
  );
  assert.ok(
    plan.some((line) => line.includes('Deploy blocked')),
    plan.join('\n'),
  );
  for (const line of plan) {
    assert.doesNotMatch(line.trimStart(), /^::/, `a plan line read as a command: ${line}`);
    assert.doesNotMatch(line, /##\[/, `a plan line with the older command syntax: ${line}`);
  }
});
