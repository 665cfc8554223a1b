/**
 * The outside world of one action run, as the orchestration sees it. `main.ts` builds the real
 * ones from the config; tests hand in an emulator-backed port, a GitHub fake and in-memory sinks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiGatewayV2Port } from '../aws/apigatewayv2-port.ts';
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { lazyApiGatewayV2Client, lazyPort } from '../aws/lazy-port.ts';
import { clientOptionsFor } from '../aws/sdk-client-config.ts';
import type { Config } from '../config.ts';
import type { Plan } from '../plan/types.ts';
import { planJsonText } from '../render/plan-json.ts';
import { connectGitHub, writeJobSummary, type GitHubAccess } from './publish.ts';

export interface ActionPorts {
  readonly cloudControl: CloudControlPort;
  /**
   * API Gateway V2, for the updates Cloud Control cannot make (auto-deploy V2 stages); absent,
   * such an update fails its stage.
   */
  readonly apiGatewayV2?: ApiGatewayV2Port;
  /** Absent when commenting is off or there is no token. */
  readonly github: GitHubAccess | undefined;
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Writes the plan model as JSON and returns the file's path (the `plan-json` output). */
  readonly writePlanJson: (plan: Plan) => string;
  /** Writes the plan's Markdown and returns the file's path (the `plan-markdown` output). */
  readonly writePlanMarkdown: (markdown: string) => string;
}

/**
 * Writes files into a folder of this run's own, made on first use under the runner's temporary
 * folder (the system's outside a runner). Every step of a job shares `RUNNER_TEMP`: two
 * stage-sync steps writing fixed names there would each end with outputs naming the other's plan.
 */
function runTempFiles(): (name: string, text: string) => string {
  let dir: string | undefined;
  return (name, text) => {
    dir ??= mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'stage-sync-'));
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}

export function actionPorts(config: Config): ActionPorts {
  const clientOptions = clientOptionsFor({
    region: config.awsRegion,
    operationTimeoutMs: config.operationTimeoutSeconds * 1000,
  });
  const writeRunnerTempFile = runTempFiles();
  return {
    cloudControl: lazyPort(async () =>
      (await import('../aws/cloud-control-client.ts')).createCloudControlPort(clientOptions),
    ),
    apiGatewayV2: lazyApiGatewayV2Client(clientOptions),
    github:
      config.comment && config.githubToken !== ''
        ? connectGitHub(config, config.commentAuthor)
        : undefined,
    writeSummary: writeJobSummary,
    writePlanJson: (plan) => writeRunnerTempFile('stage-sync-plan.json', planJsonText(plan)),
    writePlanMarkdown: (markdown) => writeRunnerTempFile('stage-sync-plan.md', markdown),
  };
}
