/**
 * The apply of an auto-deploy V2 stage's update against the emulator, through the real SDK
 * clients: Cloud Control fails every such update (docs/evidence/apigatewayv2-stage.md item 5,
 * docs/reference/aws-recorded-behaviour.md fact 36), so the plan routes it through API Gateway V2,
 * and the apply makes those calls, never UpdateResource, then verifies the read-back through
 * Cloud Control as after any write.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { applyPlan, type ApplyOptions } from '../../src/apply/apply-plan.ts';
import { createApiGatewayV2Port } from '../../src/aws/apigatewayv2-client.ts';
import { createCloudControlPort } from '../../src/aws/cloud-control-client.ts';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { readStage } from '../../src/aws/read-stages.ts';
import { stageReplanner } from '../../src/engine/replan.ts';
import {
  APPLIED_COMMIT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  V2_STAGE_TYPE_NAME,
  type DesiredStage,
  type StageProperties,
} from '../../src/model/stage.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import type { Plan, UpdateChange } from '../../src/plan/types.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';

process.env.AWS_ACCESS_KEY_ID = 'AKIDAPPLYTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'apply-test-secret';

const REPO = 'acme/apis';
const COMMIT = '89abcdef0123456789abcdef0123456789abcdef';

describe('applying an update of an auto-deploy V2 stage against the emulator', () => {
  let emulator: RunningEmulator;
  let cloudControl: CloudControlPort;

  before(async () => {
    emulator = await startEmulator({ knobs: { operationDurationMs: 5 } });
    cloudControl = createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearCalls();
    emulator.apiGatewayV2.clearRequests();
  });

  const desiredStage = (
    apiId: string,
    stageName: string,
    properties: StageProperties,
  ): DesiredStage => ({
    name: `Stage_${stageName}`,
    type: V2_STAGE_TYPE_NAME,
    identifier: `${apiId}|${stageName}`,
    properties: { ApiId: apiId, StageName: stageName, ...properties },
    source: { file: 'stages/http.yml', line: 1, column: 1 },
  });

  /** The plan for `desired` against what Cloud Control reads now, as the engine builds it. */
  const planFor = async (desired: DesiredStage): Promise<Plan> => {
    const live = await readStage(cloudControl, desired.identifier, V2_STAGE_TYPE_NAME);
    assert.ok(live, 'the seeded stage reads through Cloud Control');
    return buildPlan({
      desired: [desired],
      live: new Map([[desired.identifier, live]]),
      undeclared: [],
      prune: false,
      repository: REPO,
      target: 'test',
    });
  };

  const options = (plan: Plan, extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    maxConcurrency: 2,
    operationTimeoutMs: 10_000,
    commitSha: COMMIT,
    repository: REPO,
    replan: stageReplanner(cloudControl, plan),
    polling: { baseMs: 10, factor: 1, capMs: 10 },
    apiGatewayV2: createApiGatewayV2Port({ region: 'us-east-1', endpoint: emulator.url }),
    ...extra,
  });

  const operations = () => emulator.calls.map((call) => call.operation);

  it('sends the update through API Gateway V2, never UpdateResource, and the read-back verifies', async () => {
    const apiId = emulator.apiGatewayV2.putApi({ Name: 'orders', ProtocolType: 'HTTP' });
    const identifier = emulator.apiGatewayV2.putStage({
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
      Tags: { [MANAGED_BY_TAG_KEY]: REPO },
    });
    const mintedDeployment = emulator.getReadModel(V2_STAGE_TYPE_NAME, identifier)?.DeploymentId;
    assert.equal(typeof mintedDeployment, 'string', 'auto-deploy minted a deployment');
    const desired = desiredStage(apiId, '$default', {
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
    const plan = await planFor(desired);
    const change = plan.changes[0] as UpdateChange;
    assert.equal(change.action, 'update');
    assert.equal(change.route?.service, 'apigatewayv2');
    emulator.clearCalls();

    const result = await applyPlan(plan, cloudControl, options(plan));

    const outcome = result.outcomes[0];
    assert.equal(result.status, 'applied', outcome?.statusMessage);
    assert.equal(outcome?.status, 'applied');
    assert.equal(outcome?.drift, undefined, 'the read-back matches the plan');
    assert.deepEqual(operations(), [
      'GetResource',
      'apigatewayv2:TagResource',
      'apigatewayv2:UpdateStage',
      'GetResource',
    ]);
    assert.ok(!operations().includes('UpdateResource'));
    const [update] = emulator.apiGatewayV2.requests.filter((r) => r.operation === 'UpdateStage');
    assert.deepEqual(update?.body, {
      defaultRouteSettings: {
        detailedMetricsEnabled: false,
        throttlingBurstLimit: 100,
        throttlingRateLimit: 50,
      },
    });
    const stage = emulator.getReadModel(V2_STAGE_TYPE_NAME, identifier) ?? {};
    assert.deepEqual(stage.DefaultRouteSettings, {
      DetailedMetricsEnabled: false,
      ThrottlingBurstLimit: 100,
      ThrottlingRateLimit: 50,
    });
    assert.deepEqual(stage.Tags, { [MANAGED_BY_TAG_KEY]: REPO, [APPLIED_COMMIT_TAG_KEY]: COMMIT });
    assert.equal(stage.DeploymentId, mintedDeployment, 'the deployment auto-deploy minted stays');
  });

  it('would have failed through Cloud Control: the same change without the route', async () => {
    const apiId = emulator.apiGatewayV2.putApi({ Name: 'contrast', ProtocolType: 'HTTP' });
    emulator.apiGatewayV2.putStage({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    const plan = await planFor(
      desiredStage(apiId, '$default', {
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 100 },
      }),
    );
    const { route: _route, ...unrouted } = plan.changes[0] as UpdateChange;
    const withoutRoute: Plan = { ...plan, changes: [unrouted] };
    const result = await applyPlan(withoutRoute, cloudControl, options(withoutRoute));
    const outcome = result.outcomes[0];
    assert.equal(outcome?.status, 'failed');
    assert.equal(outcome?.errorCode, 'InvalidRequest');
    assert.match(outcome?.statusMessage ?? '', /Deployment ID cannot be set on this stage/);
    assert.match(outcome?.statusMessage ?? '', /because AutoDeploy is enabled/);
  });

  it('removes a WebSocket route’s settings, a stage variable, the access log and a tag, and adds a route', async () => {
    const apiId = emulator.apiGatewayV2.putApi({ Name: 'chat', ProtocolType: 'WEBSOCKET' });
    const identifier = emulator.apiGatewayV2.putStage({
      ApiId: apiId,
      StageName: 'live',
      AutoDeploy: true,
      RouteSettings: {
        $connect: { ThrottlingBurstLimit: 5 },
        sendmessage: { ThrottlingBurstLimit: 1 },
      },
      StageVariables: { keep: 'k', drop: 'd' },
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:chat',
        Format: '$context.requestId',
      },
      Tags: { [MANAGED_BY_TAG_KEY]: REPO, team: 'chat' },
    });
    const plan = await planFor(
      desiredStage(apiId, 'live', {
        AutoDeploy: true,
        RouteSettings: {
          $connect: { ThrottlingBurstLimit: 5 },
          $disconnect: { ThrottlingRateLimit: 2, LoggingLevel: 'ERROR' },
        },
        StageVariables: { keep: 'k' },
      }),
    );
    const change = plan.changes[0] as UpdateChange;
    assert.equal(change.route?.service, 'apigatewayv2');
    emulator.clearCalls();

    const result = await applyPlan(plan, cloudControl, options(plan));
    const outcome = result.outcomes[0];
    assert.equal(outcome?.status, 'applied', outcome?.statusMessage);
    assert.equal(outcome?.drift, undefined, JSON.stringify(outcome?.drift));
    // In the order of src/apply/update-stage-calls.ts: tags, settings, removals, untags.
    assert.deepEqual(operations(), [
      'GetResource',
      'apigatewayv2:TagResource',
      'apigatewayv2:UpdateStage',
      'apigatewayv2:DeleteRouteSettings',
      'apigatewayv2:DeleteAccessLogSettings',
      'apigatewayv2:UntagResource',
      'GetResource',
    ]);
    const stage = emulator.getReadModel(V2_STAGE_TYPE_NAME, identifier) ?? {};
    assert.deepEqual(Object.keys(stage.RouteSettings as object).sort(), [
      '$connect',
      '$disconnect',
    ]);
    assert.deepEqual(stage.StageVariables, { keep: 'k' });
    assert.equal(stage.AccessLogSettings, undefined);
    assert.deepEqual(stage.Tags, { [MANAGED_BY_TAG_KEY]: REPO, [APPLIED_COMMIT_TAG_KEY]: COMMIT });
  });
});
