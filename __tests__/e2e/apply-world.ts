/**
 * A world for end-to-end apply tests: a Cloud Control emulator in this process, a REST API and
 * deployments created through Cloud Control itself, a workspace holding the Alchemy examples
 * pointed at them, and a way to run the action's BUNDLE against it the way a runner does
 * (`mode: apply`, no PR comment, AWS_ENDPOINT_URL_CLOUDCONTROL in the child's environment).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudControlPort } from '../../src/aws/cloud-control-client.ts';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { provisionRestApi } from '../../demo/provision.ts';
import {
  startEmulator,
  type CallRecord,
  type KnobOverrides,
  type RunningEmulator,
} from '../../emulator/server.ts';
import { STAGE_TYPE_NAME, stageIdentifier } from '../../src/model/stage.ts';
import { runAction, type ActionRun, type RunActionOptions } from '../support/run-action.ts';

/** The repository the action runs for: its value of the `stage-sync:managed-by` tag. */
export const REPOSITORY = 'octo-org/platform-stages';

const EXAMPLES = new URL('../../examples/alchemy-stages.yml', import.meta.url);

/** Stage names of the Alchemy examples, by logical name. */
export const EXAMPLE_STAGES = {
  BasicStage: 'production',
  AdvancedStage: 'staging',
  CacheEnabledStage: 'cached',
} as const;

/** Cloud Control operations that change something. */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateResource',
  'UpdateResource',
  'DeleteResource',
  'CancelResourceRequest',
]);

export interface ApplyWorld {
  readonly emulator: RunningEmulator;
  /** A port of this process onto the emulator (for reads and direct changes in tests). */
  readonly port: CloudControlPort;
  readonly restApiId: string;
  /** Two deployments of the REST API, created through Cloud Control. */
  readonly deploymentIds: readonly string[];
  readonly workspace: string;
  /**
   * Called after the emulator answers each call, before it handles the next one: a hook for
   * changing AWS at a precise point of a run (the child process cannot act in between).
   */
  onCall: ((call: CallRecord) => void) | undefined;
  /** `RestApiId|StageName` of one of the examples' stages. */
  identifier(stageName: string): string;
  /** Overwrites the workspace's spec file (`stages/<file>`). */
  writeSpec(text: string, file?: string): void;
  /** The Alchemy examples with the REST API and deployments of this world. */
  exampleSpec(): string;
  /**
   * A spec file declaring plain stages (logical name -> stage name) on this world's REST API and
   * first deployment, each with `Description` set to `description` or its logical name.
   */
  plainSpec(stages: Readonly<Record<string, string>>, description?: string): string;
  /** Removes `stages/<file>` from the workspace. */
  removeSpec(file: string): void;
  /** Runs the bundle once, applying. */
  apply(options?: ApplyRunOptions): Promise<ActionRun>;
  /** What GetResource returns now for a stage of this REST API, or undefined. */
  readStage(stageName: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

export interface ApplyRunOptions {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly kill?: RunActionOptions['kill'];
  readonly sha?: string;
}

/**
 * Starts the emulator with `knobs`, then provisions through Cloud Control with knobs that do
 * not get in the way (no faults, short operations); the test's own knobs are restored after.
 */
export async function startApplyWorld(knobs: KnobOverrides = {}): Promise<ApplyWorld> {
  // The SDK signs even loopback requests; these credentials only reach the emulator.
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'emulator-secret';
  let world: ApplyWorld | undefined;
  // Recorded AWS behaviours apply from the start; the run-time knobs only after provisioning.
  const { recorded, readAfterCreateLag, ...runtime } = knobs;
  const emulator = await startEmulator({
    knobs: { operationDurationMs: 100, ...(recorded ? { recorded } : {}) },
    onCall: (call) => world?.onCall?.(call),
  });
  try {
    const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
    const { restApiId, deploymentIds } = await provisionRestApi(port, 'stage-sync-e2e', 2);
    Object.assign(emulator.knobs, { operationDurationMs: 200, ...runtime });
    Object.assign(emulator.knobs.readAfterCreateLag, readAfterCreateLag);
    emulator.clearCalls();
    const workspace = mkdtempSync(join(tmpdir(), 'stage-sync-e2e-'));
    mkdirSync(join(workspace, 'stages'));

    const exampleSpec = (): string =>
      readFileSync(EXAMPLES, 'utf8')
        .replaceAll('abc1234', restApiId)
        .replaceAll('dep0001', deploymentIds[0] as string)
        .replaceAll('xyz5678', deploymentIds[1] as string);
    const writeSpec = (text: string, file = 'alchemy-stages.yml'): void =>
      writeFileSync(join(workspace, 'stages', file), text);
    writeSpec(exampleSpec());
    const plainSpec = (stages: Readonly<Record<string, string>>, description?: string): string =>
      [
        'defaults:',
        `  RestApiId: ${restApiId}`,
        `  DeploymentId: ${deploymentIds[0]}`,
        'stages:',
        ...Object.entries(stages).flatMap(([name, stageName]) => [
          `  ${name}:`,
          `    StageName: ${stageName}`,
          `    Description: ${description ?? name}`,
        ]),
        '',
      ].join('\n');

    world = {
      emulator,
      port,
      onCall: undefined,
      restApiId,
      deploymentIds,
      workspace,
      identifier: (stageName) => stageIdentifier(restApiId, stageName),
      writeSpec,
      exampleSpec,
      plainSpec,
      removeSpec: (file) => rmSync(join(workspace, 'stages', file)),
      apply: (options = {}) =>
        runAction({
          workspace,
          eventName: 'workflow_dispatch',
          payload: { inputs: {} },
          repository: REPOSITORY,
          ref: 'refs/heads/main',
          ...(options.sha ? { sha: options.sha } : {}),
          inputs: { mode: 'apply', comment: 'false', ...options.inputs },
          // One emulator serves Cloud Control and API Gateway V2 (updates of auto-deploy stages).
          env: {
            AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url,
            AWS_ENDPOINT_URL_APIGATEWAYV2: emulator.url,
          },
          ...(options.kill ? { kill: options.kill } : {}),
        }),
      readStage: (stageName) =>
        emulator.getReadModel(STAGE_TYPE_NAME, stageIdentifier(restApiId, stageName)),
      close: async () => {
        await emulator.close();
        rmSync(workspace, { recursive: true, force: true });
      },
    };
    return world;
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/**
 * Sends `signal` to the action processes this test process started (children running a bundle),
 * by pid. For a kill at an exact point of the emulator's record, which stdout cannot show.
 */
export function signalActionProcesses(signal: NodeJS.Signals): number[] {
  const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  const pids = listing
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null && /index\.js/.test(match[2] ?? ''))
    .map((match) => Number(match?.[1]));
  for (const pid of pids) process.kill(pid, signal);
  return pids;
}

/** Calls of the emulator that wrote (create, update, delete, cancel), answered or refused. */
export function writeCalls(calls: readonly CallRecord[]): CallRecord[] {
  return calls.filter((call) => WRITE_OPERATIONS.has(call.operation));
}

/** Calls on stages only, with operation `operation` and outcome `ok`. */
export function acceptedStageCalls(calls: readonly CallRecord[], operation: string): CallRecord[] {
  return calls.filter(
    (call) =>
      call.operation === operation && call.typeName === STAGE_TYPE_NAME && call.outcome === 'ok',
  );
}

/** The value of tag `key` in a stage model's `Tags`, if any. */
export function tagValue(model: Record<string, unknown> | undefined, key: string): unknown {
  const tags = Array.isArray(model?.Tags)
    ? (model.Tags as { Key?: unknown; Value?: unknown }[])
    : [];
  return tags.find((tag) => tag.Key === key)?.Value;
}

/** Lines of the action's log (stdout) that contain `text`. */
export function logLines(run: ActionRun, text: string): string[] {
  return run.stdout.split('\n').filter((line) => line.includes(text));
}

/** `text` with every RegExp metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
