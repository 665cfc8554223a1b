/**
 * `npm run demo`: the whole product on an embedded default. Starts the Cloud Control emulator
 * in-process, creates REST APIs, an HTTP API (quick-created, so its auto-deploy `$default` stage
 * exists) and a WebSocket API through Cloud Control, plans the examples in examples/, applies the
 * plan with live progress (the `$default` stage's update goes through API Gateway V2, which the
 * demo checks), and plans again to show that nothing is left to do. Then "another pipeline"
 * releases a new deployment of payments-api (the stage of examples/deployments-from-elsewhere.yml,
 * whose DeploymentId is left to other tools) and changes the HTTP API (auto-deploy mints a new
 * DeploymentId), and a last plan shows neither as a change. Also writes the PR comment a reviewer
 * would see.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server.ts';
import { createApiGatewayV2Port } from '../src/aws/apigatewayv2-client.ts';
import { createCloudControlPort } from '../src/aws/cloud-control-client.ts';
import { createEngine, type PlanOutcome } from '../src/engine/engine.ts';
import { renderComment } from '../src/render/markdown.ts';
import { progressLine } from '../src/render/progress-line.ts';
import { renderPlanText } from '../src/render/text.ts';
import type { Plan } from '../src/plan/types.ts';
import { VERSION } from '../src/version.ts';
import { createDeployment, provisionRestApi, provisionV2Api, updateAndWait } from './provision.ts';

const EXAMPLES = new URL('../examples/', import.meta.url);
const REPOSITORY = 'octo-org/platform-stages';
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const heading = (text: string): void =>
  console.log(color ? `\n\x1b[1m== ${text}\x1b[0m` : `\n== ${text}`);

interface RestApiIds {
  readonly restApiId: string;
  readonly deploymentIds: string[];
}

/**
 * The Alchemy examples name REST API abc1234 and deployments dep0001/xyz5678: point them at the
 * real ones. The payments-api example names its API by name (`rest-api:`), so only its first
 * deployment needs pointing.
 */
function workspaceFor(ids: RestApiIds, payments: RestApiIds): string {
  const workspace = mkdtempSync(join(tmpdir(), 'stage-sync-demo-'));
  mkdirSync(join(workspace, 'stages'));
  const alchemy = readFileSync(new URL('alchemy-stages.yml', EXAMPLES), 'utf8')
    .replaceAll('abc1234', ids.restApiId)
    .replaceAll('dep0001', ids.deploymentIds[0] as string)
    .replaceAll('xyz5678', ids.deploymentIds[1] as string);
  writeFileSync(join(workspace, 'stages', 'alchemy-stages.yml'), alchemy);
  const elsewhere = readFileSync(
    new URL('deployments-from-elsewhere.yml', EXAMPLES),
    'utf8',
  ).replaceAll('dep0001', payments.deploymentIds[0] as string);
  writeFileSync(join(workspace, 'stages', 'deployments-from-elsewhere.yml'), elsewhere);
  // HTTP and WebSocket stages name their APIs by name (`api:`): the file is used as it is.
  writeFileSync(
    join(workspace, 'stages', 'http-api-stages.yml'),
    readFileSync(new URL('http-api-stages.yml', EXAMPLES), 'utf8'),
  );
  return workspace;
}

/**
 * What the payments-api release pipeline does, outside stage-sync: a new deployment, and the live
 * stage pointed at it (through Cloud Control, as any other tool could).
 */
async function releaseFromAnotherPipeline(
  port: ReturnType<typeof createCloudControlPort>,
  restApiId: string,
): Promise<string> {
  const deploymentId = await createDeployment(
    port,
    restApiId,
    'payments-api release from its own pipeline',
  );
  await updateAndWait(port, 'AWS::ApiGateway::Stage', `${restApiId}|live`, [
    { op: 'replace', path: '/DeploymentId', value: deploymentId },
  ]);
  return deploymentId;
}

/**
 * A change to the HTTP API made outside stage-sync (a route, an integration): auto-deploy
 * deploys it, minting a new DeploymentId on the `$default` stage (docs/evidence/apigatewayv2-stage.md
 * item 4), which no spec declares.
 */
async function changeHttpApi(
  port: ReturnType<typeof createCloudControlPort>,
  apiId: string,
): Promise<void> {
  await updateAndWait(port, 'AWS::ApiGatewayV2::Api', apiId, [
    { op: 'add', path: '/Description', value: 'pets API, new route from its own pipeline' },
  ]);
}

/** The plan, or the reason there is none as the error. */
function planned(outcome: PlanOutcome): Plan {
  if (outcome.kind === 'planned') return outcome.plan;
  throw new Error(
    outcome.kind === 'invalid-specs'
      ? outcome.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')
      : outcome.message,
  );
}

async function main(): Promise<void> {
  // Credentials only sign requests to the loopback emulator; no AWS account is involved.
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDEMULATOR';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'emulator-secret';
  const emulator = await startEmulator({
    knobs: {
      latencyMs: 15,
      operationDurationMs: 400,
    },
  });
  try {
    const port = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
    heading(`stage-sync ${VERSION} demo: Cloud Control emulator at ${emulator.url}`);
    const ids = await provisionRestApi(port, 'stage-sync-demo', 2);
    console.log(
      `Created REST API ${ids.restApiId} with deployments ${ids.deploymentIds.join(', ')} through Cloud Control.`,
    );
    const payments = await provisionRestApi(port, 'payments-api', 1);
    console.log(
      `Created REST API ${payments.restApiId} named payments-api with deployment ${payments.deploymentIds.join(', ')}.`,
    );
    const petsHttp = await provisionV2Api(port, 'pets-http', 'HTTP', 'https://pets.example.com');
    const chatSocket = await provisionV2Api(port, 'chat-socket', 'WEBSOCKET');
    console.log(
      `Created HTTP API ${petsHttp} named pets-http (quick create: its $default stage auto-deploys) and WebSocket API ${chatSocket} named chat-socket.`,
    );
    const workspace = workspaceFor(ids, payments);
    const engine = createEngine({
      port,
      repository: REPOSITORY,
      region: 'us-east-1',
      maxConcurrency: 10,
      // Updates of auto-deploy stages go through API Gateway V2, served by the same emulator.
      apiGatewayV2: createApiGatewayV2Port({ region: 'us-east-1', endpoint: emulator.url }),
      operationTimeoutMs: 60_000,
      // The emulator's operations take 400 ms: poll often enough that the demo does not wait.
      polling: { baseMs: 200, factor: 1.5, capMs: 2_000 },
    });
    const request = { workspace, patterns: ['stages/**/*.yml'], prune: true };

    heading('Plan (what a pull request would show)');
    const first = planned(await engine.plan(request));
    console.log(renderPlanText(first, { color }));
    const commentPath = join(workspace, 'pr-comment.md');
    writeFileSync(
      commentPath,
      renderComment(first, {
        toolVersion: VERSION,
        commitSha: '0000000',
        repository: REPOSITORY,
      }).body,
    );
    console.log(`\nThe PR comment for this plan is in ${commentPath}`);

    heading('Apply (what a merge to the default branch does)');
    emulator.clearCalls();
    const result = await engine.apply(first, {
      commitSha: 'demo',
      onProgress: (event) => console.log(progressLine(event)),
    });
    console.log(`Apply ${result.status} in ${(result.durationMs / 1000).toFixed(1)}s.`);
    const defaultStage = `${petsHttp}|$default`;
    const throughCloudControl = emulator.calls.filter(
      (call) => call.operation === 'UpdateResource' && call.identifier === defaultStage,
    ).length;
    const throughApiGateway = emulator.calls.filter(
      (call) => call.operation === 'apigatewayv2:UpdateStage' && call.outcome === 'ok',
    ).length;
    console.log(
      `${defaultStage} was updated through API Gateway V2 (UpdateStage: ${throughApiGateway}, Cloud Control UpdateResource: ${throughCloudControl}).`,
    );
    if (throughApiGateway === 0 || throughCloudControl > 0) {
      console.error('\nThe auto-deploy stage was not updated through API Gateway V2.');
      process.exitCode = 1;
      return;
    }

    heading('Plan again (nothing should be left to do)');
    const second = planned(await engine.plan(request));
    console.log(renderPlanText(second, { color }));
    const leftover = second.counts.create + second.counts.update + second.counts.delete;
    if (result.status !== 'applied' || leftover > 0) {
      console.error(
        `\nThe demo did not converge: apply ${result.status}, ${leftover} change(s) left.`,
      );
      process.exitCode = 1;
      return;
    }

    heading('Another pipeline releases payments-api (outside stage-sync)');
    const released = await releaseFromAnotherPipeline(port, payments.restApiId);
    console.log(
      `The payments-api pipeline created deployment ${released} and pointed ${payments.restApiId}|live at it.`,
    );

    await changeHttpApi(port, petsHttp);
    console.log(
      `The pets-http API changed; its auto-deploy $default stage now serves deployment ${String(
        (await port.getResource('AWS::ApiGatewayV2::Stage', `${petsHttp}|$default`))?.properties
          .DeploymentId,
      )}.`,
    );

    heading('Plan again (the release and the new deployment are shown as no change)');
    const third = planned(await engine.plan(request));
    console.log(renderPlanText(third, { color }));
    const live = third.changes.find((change) => change.identifier === `${payments.restApiId}|live`);
    const shown =
      live && live.action !== 'delete'
        ? live.leftToOtherTools?.find((entry) => entry.path === 'DeploymentId')?.value
        : undefined;
    const writes = third.counts.create + third.counts.update + third.counts.delete;
    if (writes > 0 || shown !== released) {
      console.error(
        `\nThe other pipeline's release was not left alone: ${writes} change(s) planned, DeploymentId shown as ${String(shown)}.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
  }
}

await main();
