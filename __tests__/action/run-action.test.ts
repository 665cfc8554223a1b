/**
 * The action's orchestration in-process, against its ports: the Cloud Control emulator over HTTP,
 * the local GitHub fake, and in-memory sinks for the job summary and the plan file. What reaches
 * the runner (outputs, the failed status) is main.ts's job, tested through the bundle in e2e/.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { runAction } from '../../src/action/run-action.ts';
import type { ActionPorts } from '../../src/action/ports.ts';
import { connectGitHub } from '../../src/action/publish.ts';
import { createCloudControlPort } from '../../src/aws/cloud-control-client.ts';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import type { Config } from '../../src/config.ts';
import type { Plan } from '../../src/plan/types.ts';
import {
  PAYLOADS,
  REPOSITORY,
  TOKENS,
  runnerRef,
  runnerSha,
  stageSpec,
  worldFor,
  type GitHubWorld,
} from '../e2e/github-world.ts';

process.env.AWS_ACCESS_KEY_ID ??= 'AKIDORCHESTRATION';
process.env.AWS_SECRET_ACCESS_KEY ??= 'orchestration-test-secret';

const SPEC = stageSpec({ Prod: { name: 'prod', description: 'Production' } });

interface Sinks {
  readonly summaries: string[];
  readonly planFiles: Plan[];
  readonly planMarkdowns: string[];
}

function configFor(
  world: GitHubWorld,
  eventName: string,
  payload: Record<string, unknown>,
  overrides: Partial<Config> = {},
): Config {
  return {
    workspace: world.workspace,
    specPatterns: ['stages/**/*.yml'],
    mode: 'auto',
    githubToken: TOKENS.installation,
    comment: true,
    prune: false,
    awsRegion: 'us-east-1',
    maxConcurrency: 4,
    operationTimeoutSeconds: 30,
    failOnChanges: false,
    planMismatch: 'warn',
    maxDeletes: 10,
    commentAuthor: undefined,
    run: {
      eventName,
      payload,
      repository: REPOSITORY,
      sha: runnerSha(eventName, payload),
      ref: runnerRef(eventName, payload),
      serverUrl: 'https://github.com',
      apiUrl: world.github.url,
      runId: '7',
    },
    ...overrides,
  };
}

function portsFor(
  world: GitHubWorld,
  config: Config,
  cloudControl?: CloudControlPort,
): ActionPorts & Sinks {
  const summaries: string[] = [];
  const planFiles: Plan[] = [];
  const planMarkdowns: string[] = [];
  return {
    cloudControl:
      cloudControl ?? createCloudControlPort({ region: 'us-east-1', endpoint: world.emulator.url }),
    github: config.comment ? connectGitHub(config) : undefined,
    writeSummary: async (markdown) => {
      summaries.push(markdown);
    },
    writePlanJson: (plan) => {
      planFiles.push(plan);
      return '/runner/temp/stage-sync-plan.json';
    },
    writePlanMarkdown: (markdown) => {
      planMarkdowns.push(markdown);
      return '/runner/temp/stage-sync-plan.md';
    },
    summaries,
    planFiles,
    planMarkdowns,
  };
}

/** The examples' pull request #2 exists on the fake, so the plan can be commented on it. */
async function world(t: TestContext, spec = SPEC): Promise<GitHubWorld> {
  return worldFor(t, spec, { github: { pullRequests: [2] } });
}

const noSignal = new AbortController().signal;

test('a pull request is planned, summarised and commented on, and AWS is only read', async (t) => {
  const w = await world(t);
  const config = configFor(w, 'pull_request', PAYLOADS.pullRequest());
  const ports = portsFor(w, config);
  const outcome = await runAction(config, ports, noSignal);
  assert.equal(outcome.failure, undefined);
  assert.equal(outcome.plan?.counts.create, 1);
  assert.equal(outcome.planJsonPath, '/runner/temp/stage-sync-plan.json');
  assert.deepEqual(ports.planFiles, [outcome.plan]);
  assert.equal(outcome.planMarkdownPath, '/runner/temp/stage-sync-plan.md');
  assert.equal(
    ports.planMarkdowns[0],
    w.github.state.commentsOn(2)[0]?.body,
    'the plan-markdown file holds exactly what the PR comment shows',
  );
  assert.match(outcome.commentUrl ?? '', /#issuecomment-\d+$/);
  assert.equal(ports.summaries.length, 1);
  assert.match(ports.summaries[0] ?? '', /prod/);
  assert.equal(w.github.state.commentsOn(2).length, 1);
  assert.equal(w.readStage('prod'), undefined, 'a plan never writes');
});

test('invalid specs fail before any AWS or GitHub call and list the problems in the summary', async (t) => {
  const w = await world(t, 'stages:\n  Broken:\n    StageName: prod\n    Tracing: true\n');
  const config = configFor(w, 'pull_request', PAYLOADS.pullRequest());
  const ports = portsFor(w, config);
  const awsBefore = w.emulator.calls.length;
  const outcome = await runAction(config, ports, noSignal);
  assert.equal(outcome.failure?.reason, 'invalid-specs');
  assert.equal(outcome.plan, undefined);
  assert.equal(w.emulator.calls.length, awsBefore);
  assert.deepEqual(w.github.calls, []);
  assert.match(ports.summaries[0] ?? '', /stages\/api\.yml:\d+:\d+: .*Tracing/);
});

test('a Cloud Control read that fails is an aws-read-failed outcome with the reason', async (t) => {
  const w = await world(t);
  const config = configFor(w, 'pull_request', PAYLOADS.pullRequest());
  const broken = createCloudControlPort({ region: 'us-east-1', endpoint: w.emulator.url });
  const failing: CloudControlPort = {
    ...broken,
    getResource: async () => {
      throw new Error(
        'AccessDeniedException: not authorized to perform cloudformation:GetResource',
      );
    },
  };
  const outcome = await runAction(config, portsFor(w, config, failing), noSignal);
  assert.equal(outcome.failure?.reason, 'aws-read-failed');
  assert.match(outcome.failure?.message ?? '', /AccessDeniedException/);
});

test('a drift check with fail-on-changes fails with changes-detected, keeping the plan', async (t) => {
  const w = await world(t);
  const config = configFor(w, 'schedule', PAYLOADS.schedule(), { failOnChanges: true });
  const outcome = await runAction(config, portsFor(w, config), noSignal);
  assert.equal(outcome.failure?.reason, 'changes-detected');
  assert.equal(outcome.plan?.counts.create, 1);
});

test('a push to the default branch applies the plan', async (t) => {
  const w = await world(t);
  const config = configFor(w, 'push', PAYLOADS.pushToDefaultBranch(), { comment: false });
  const ports = portsFor(w, config);
  const outcome = await runAction(config, ports, noSignal);
  assert.equal(outcome.failure, undefined);
  assert.equal(w.readStage('prod')?.Description, 'Production');
  assert.match(ports.summaries.at(-1) ?? '', /[Aa]pplied/);
});

test('an unexpected error keeps what the run had produced and names itself internal-error', async (t) => {
  const w = await world(t);
  const config = configFor(w, 'pull_request', PAYLOADS.pullRequest());
  const ports: ActionPorts = {
    ...portsFor(w, config),
    writeSummary: async () => {
      throw new Error('disk full');
    },
  };
  const outcome = await runAction(config, ports, noSignal);
  assert.equal(outcome.failure?.reason, 'internal-error');
  assert.match(outcome.failure?.message ?? '', /disk full/);
  assert.equal(outcome.plan?.counts.create, 1, 'the plan made before the error is still reported');
});
