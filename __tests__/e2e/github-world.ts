/**
 * A world for end-to-end tests of the action as a workflow step: the Cloud Control emulator and
 * the fake of GitHub's REST API, both in this process on 127.0.0.1, a workspace of spec files,
 * and a way to run the action's BUNDLE in a child process as a runner does, with a real webhook
 * payload from `@octokit/webhooks-examples` and the `GITHUB_*` variables a runner derives from it.
 *
 * Every run reports the calls it made to AWS and to GitHub, so a test can say "zero writes"
 * about that run alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { load } from 'js-yaml';
import {
  startEmulator,
  type CallRecord,
  type KnobOverrides,
  type RunningEmulator,
} from '../../emulator/server.ts';
import { STAGE_TYPE_NAME, stageIdentifier } from '../../src/model/stage.ts';
import { parseCommentRecord, type CommentRecord } from '../../src/render/comment-record.ts';
import {
  appInstallationToken,
  installationToken,
  readOnlyToken,
  startGitHubFake,
  type FakeCall,
  type GitHubFake,
  type GitHubFakeOptions,
} from '../support/github-fake.ts';
import { runAction, type ActionRun } from '../support/run-action.ts';
import { webhookExample } from '../github/webhook-examples.ts';

/**
 * The repository of `@octokit/webhooks-examples`' `pull_request` and `push` payloads, and the
 * fake's default: the payloads name it as they are.
 */
export const REPOSITORY = 'Codertocat/Hello-World';

/** Tokens the fake knows. Long and distinctive, so a leak into any output is unmistakable. */
export const TOKENS = {
  /** The workflow's `GITHUB_TOKEN` with `pull-requests: write`. */
  installation: 'ghs_e2eInstallationTokenDoNotLeak0123456789',
  /** The `GITHUB_TOKEN` of a pull request from a fork: reads only. */
  readOnly: 'ghs_e2eForkReadOnlyTokenDoNotLeak9876543210',
  /** An installation token of the GitHub App `APP_SLUG` (actions/create-github-app-token). */
  app: 'ghs_e2eAppInstallationTokenDoNotLeak24680',
} as const;

/** The App whose installation token `TOKENS.app` is; its comments are by `${APP_SLUG}[bot]`. */
export const APP_SLUG = 'stage-sync-deployer';

/** The AWS secret key the child process signs with; it must never reach the log either. */
export const AWS_SECRET_ACCESS_KEY = 'e2eSecretAccessKey/DoNotLeak+wJalrXUtnFEMIK7MDENG';

/** The REST API and deployments seeded in every world (API Gateway's id shapes). */
export const REST_API_ID = 'a1b2c3d4e5';
export const DEPLOYMENTS = ['dep001', 'dep002'] as const;

/** Cloud Control operations that change something. */
const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateResource',
  'UpdateResource',
  'DeleteResource',
  'CancelResourceRequest',
]);

/** One step run: the event as the runner would deliver it, and the step's `with:`. */
export interface StepRun {
  readonly eventName: string;
  readonly payload: Record<string, unknown>;
  readonly inputs?: Readonly<Record<string, string>>;
  /** Defaults to the installation token. */
  readonly token?: string;
  /** Defaults to what the runner sets for the event (see `runnerSha`). */
  readonly sha?: string;
  /** Defaults to what the runner sets for the event (see `runnerRef`). */
  readonly ref?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** What a run did, with the calls it made. */
export interface StepResult extends ActionRun {
  /** Every Cloud Control call this run made. */
  readonly awsCalls: readonly CallRecord[];
  /** The Cloud Control calls of this run that write. */
  readonly awsWrites: readonly CallRecord[];
  /** Every GitHub API call this run made. */
  readonly githubCalls: readonly FakeCall[];
}

export interface GitHubWorld {
  readonly emulator: RunningEmulator;
  readonly github: GitHubFake;
  readonly workspace: string;
  /** Writes `text` to `relativePath` under the workspace (folders made as needed). */
  writeFile(relativePath: string, text: string): void;
  /** Runs the bundle once. */
  run(step: StepRun): Promise<StepResult>;
  /** What GetResource returns now for stage `stageName` of the seeded REST API. */
  readStage(stageName: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

export interface GitHubWorldOptions {
  /** The fake's pull requests, comments and commits (its tokens are `TOKENS`). */
  readonly github?: Omit<GitHubFakeOptions, 'tokens' | 'repository'>;
  readonly knobs?: KnobOverrides;
}

/**
 * A spec file declaring `stages` (logical name -> StageName and Description) on the seeded
 * REST API and its first deployment.
 */
export function stageSpec(stages: Readonly<Record<string, { name: string; description: string }>>) {
  const lines = [
    'defaults:',
    `  RestApiId: ${REST_API_ID}`,
    `  DeploymentId: ${DEPLOYMENTS[0]}`,
    'stages:',
  ];
  for (const [logical, stage] of Object.entries(stages)) {
    lines.push(
      `  ${logical}:`,
      `    StageName: ${stage.name}`,
      `    Description: ${stage.description}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `GITHUB_SHA` as the runner sets it for each event (docs: "events that trigger workflows"). */
export function runnerSha(eventName: string, payload: Record<string, unknown>): string {
  const pr = payload['pull_request'] as Record<string, unknown> | undefined;
  const group = payload['merge_group'] as Record<string, unknown> | undefined;
  const candidates: Readonly<Record<string, unknown>> = {
    // The test merge commit of refs/pull/N/merge.
    pull_request: pr?.['merge_commit_sha'],
    // The last commit of the base branch; the head's sha stands in (the fake knows no branches).
    pull_request_target: (pr?.['head'] as Record<string, unknown> | undefined)?.['sha'],
    push: payload['after'],
    merge_group: group?.['head_sha'],
  };
  const sha = candidates[eventName];
  return typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha)
    ? sha
    : '5c3a9d1e7f2b4c6a8e0d1f3b5a7c9e1d3f5b7a9c';
}

/** `GITHUB_REF` as the runner sets it for each event. */
export function runnerRef(eventName: string, payload: Record<string, unknown>): string {
  const pr = payload['pull_request'] as Record<string, unknown> | undefined;
  const repository = payload['repository'] as Record<string, unknown> | undefined;
  const group = payload['merge_group'] as Record<string, unknown> | undefined;
  const defaultBranch = `refs/heads/${String(repository?.['default_branch'] ?? 'main')}`;
  switch (eventName) {
    case 'pull_request':
      return `refs/pull/${String(pr?.['number'])}/merge`;
    case 'merge_group':
      return String(group?.['head_ref']);
    case 'push':
    case 'workflow_dispatch':
      return String(payload['ref']);
    default:
      return defaultBranch;
  }
}

/** Starts the emulator and the fake, seeds the REST API and deployments, makes a workspace. */
export async function startGitHubWorld(options: GitHubWorldOptions = {}): Promise<GitHubWorld> {
  // Apply runs poll each operation; short operations keep a run to about a second.
  const emulator = await startEmulator({ knobs: { operationDurationMs: 50, ...options.knobs } });
  let github: GitHubFake;
  try {
    github = await startGitHubFake({
      ...options.github,
      repository: REPOSITORY,
      tokens: {
        [TOKENS.installation]: installationToken(),
        [TOKENS.readOnly]: readOnlyToken(),
        [TOKENS.app]: appInstallationToken(APP_SLUG),
      },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  emulator.putRestApi({ RestApiId: REST_API_ID, Name: 'hello-world-api' });
  for (const id of DEPLOYMENTS) emulator.putDeployment(REST_API_ID, { DeploymentId: id });

  const workspace = mkdtempSync(join(tmpdir(), 'stage-sync-github-e2e-'));
  const writeFile = (relativePath: string, text: string): void => {
    const path = join(workspace, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };

  const run = async (step: StepRun): Promise<StepResult> => {
    const awsBefore = emulator.calls.length;
    const githubBefore = github.calls.length;
    const repository = (step.payload['repository'] as { full_name?: string } | undefined)
      ?.full_name;
    const result = await runAction({
      workspace,
      eventName: step.eventName,
      payload: step.payload,
      repository: repository ?? REPOSITORY,
      sha: step.sha ?? runnerSha(step.eventName, step.payload),
      ref: step.ref ?? runnerRef(step.eventName, step.payload),
      token: step.token ?? TOKENS.installation,
      ...(step.inputs ? { inputs: step.inputs } : {}),
      env: {
        AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url,
        AWS_SECRET_ACCESS_KEY,
        GITHUB_API_URL: github.url,
        ...step.env,
      },
    });
    const awsCalls = emulator.calls.slice(awsBefore);
    return {
      ...result,
      awsCalls,
      awsWrites: awsCalls.filter((call) => WRITE_OPERATIONS.has(call.operation)),
      githubCalls: github.calls.slice(githubBefore),
    };
  };

  return {
    emulator,
    github,
    workspace,
    writeFile,
    run,
    readStage: (stageName) =>
      emulator.getReadModel(STAGE_TYPE_NAME, stageIdentifier(REST_API_ID, stageName)),
    close: async () => {
      await Promise.all([github.close(), emulator.close()]);
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** A world closed when test `t` ends, with `spec` (if given) at `stages/api.yml`. */
export async function worldFor(
  t: TestContext,
  spec?: string,
  options: GitHubWorldOptions = {},
): Promise<GitHubWorld> {
  const world = await startGitHubWorld(options);
  t.after(() => world.close());
  if (spec !== undefined) world.writeFile('stages/api.yml', spec);
  return world;
}

/** GitHub calls that write (create or update a comment); a GraphQL query is a POST that does not. */
export function githubWrites(calls: readonly FakeCall[]): FakeCall[] {
  return calls.filter(
    (call) => (call.method === 'POST' || call.method === 'PATCH') && call.path !== '/graphql',
  );
}

/** The hidden record of a comment body written by stage-sync; throws for any other body. */
export function recordOf(body: unknown): CommentRecord {
  const text = typeof body === 'string' ? body : (body as { body?: unknown } | null)?.body;
  const record = typeof text === 'string' ? parseCommentRecord(text) : undefined;
  if (!record) throw new Error(`not a stage-sync comment: ${String(text).slice(0, 200)}`);
  return record;
}

/** The outputs action.yml declares. */
export const DECLARED_OUTPUTS: readonly string[] = Object.keys(
  (
    load(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      outputs: Record<string, unknown>;
    }
  ).outputs,
).sort();

/** Every declared output was set by the run (and nothing else was). */
export function assertEveryOutput(run: ActionRun): void {
  assert.deepEqual(Object.keys(run.outputs).sort(), DECLARED_OUTPUTS, describeRun(run));
}

/** A readable dump of a run for assertion messages. */
export function describeRun(run: ActionRun): string {
  return [
    `exit ${run.exitCode} signal ${run.signal}`,
    `outputs ${JSON.stringify(run.outputs)}`,
    `stdout:\n${run.stdout}`,
    `stderr:\n${run.stderr}`,
  ].join('\n');
}

type Payload = Record<string, unknown>;

/**
 * Points a payload's `repository` at `REPOSITORY`. Used only for the examples that name
 * `octo-org/octo-repo` (workflow_dispatch, merge_group), so that the ownership tag and the fake
 * agree with the pull_request and push examples of the same world.
 */
function inOurRepository(payload: Payload): Payload {
  const repository = payload['repository'] as Record<string, unknown>;
  const owner = repository['owner'] as Record<string, unknown>;
  const [login, name] = REPOSITORY.split('/') as [string, string];
  Object.assign(repository, { full_name: REPOSITORY, name });
  owner['login'] = login;
  return payload;
}

/**
 * Event payloads as the runner writes them to `GITHUB_EVENT_PATH`: the real examples of
 * `@octokit/webhooks-examples`, with any adjustment named where it is made.
 */
export const PAYLOADS = {
  /** `pull_request` of PR #2 in Codertocat/Hello-World (default branch `master`). */
  pullRequest: (action = 'opened'): Payload =>
    webhookExample('pull_request', (p) => p['action'] === action),
  /** A push of `refs/heads/master`, the repository's default branch. */
  pushToDefaultBranch: (): Payload =>
    webhookExample('push', (p) => p['ref'] === 'refs/heads/master' && p['deleted'] === false),
  /**
   * The same push of `master`, in a repository whose default branch is `main` (adjusted
   * `repository.default_branch`): a push to a branch that is not the default one.
   */
  pushToOtherBranch: (): Payload => {
    const payload = PAYLOADS.pushToDefaultBranch();
    (payload['repository'] as Payload)['default_branch'] = 'main';
    return payload;
  },
  /** The creation of tag `simple-tag`. */
  tagPush: (): Payload =>
    webhookExample(
      'push',
      (p) => String(p['ref']).startsWith('refs/tags/') && p['deleted'] === false,
    ),
  /** A manual run on `main` (repository adjusted to ours). */
  workflowDispatch: (): Payload => inOurRepository(webhookExample('workflow_dispatch')),
  /**
   * `schedule` has no webhook, so `@octokit/webhooks-examples` has no example; the runner's
   * payload carries the cron expression as `schedule` (`github.event.schedule`, documented at
   * https://docs.github.com/actions/reference/events-that-trigger-workflows#schedule) and the
   * repository, taken here from the push example.
   */
  schedule: (): Payload => ({
    schedule: '30 5 * * *',
    workflow: '.github/workflows/drift.yml',
    repository: PAYLOADS.pushToDefaultBranch()['repository'],
  }),
  /** A merge queue's `checks_requested` (repository adjusted to ours). */
  mergeGroup: (): Payload =>
    inOurRepository(webhookExample('merge_group', (p) => p['action'] === 'checks_requested')),
} as const;
