/**
 * The apply's API Gateway V2 route for updates Cloud Control cannot make (auto-deploy V2 stages:
 * docs/evidence/apigatewayv2-stage.md item 5): the calls it makes, the read-back after them, and
 * what it reports and recovers when a call fails. Cloud Control is an in-memory fake here, and
 * API Gateway V2 an object literal over the same stored stages; the emulator-backed run is
 * apply-plan-apigatewayv2.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlan, type ApplyOptions } from '../../src/apply/apply-plan.ts';
import type { StageOutcome } from '../../src/apply/result.ts';
import {
  ApiGatewayV2Error,
  v2StageArn,
  type ApiGatewayV2Port,
  type StageUpdateMembers,
} from '../../src/aws/apigatewayv2-port.ts';
import {
  APPLIED_COMMIT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  V2_STAGE_TYPE_NAME,
  type DesiredStage,
  type StageProperties,
} from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import type { Plan, StageChange, UpdateChange } from '../../src/plan/types.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';
import { AUTO_DEPLOY_API, autoDeployStageAsRead } from '../support/auto-deploy-stage.ts';

const REPO = 'acme/apis';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const API = AUTO_DEPLOY_API;
const IDENTIFIER = `${API}|$default`;

const desired = (extra: StageProperties = {}): DesiredStage => ({
  name: 'Orders',
  type: V2_STAGE_TYPE_NAME,
  identifier: IDENTIFIER,
  properties: { ApiId: API, StageName: '$default', AutoDeploy: true, ...extra },
  source: { file: 'stages/orders.yml', line: 1, column: 1 },
});

/** The stage as Cloud Control reads it, owned by this repository. */
const live = (extra: StageProperties = {}): StageProperties =>
  autoDeployStageAsRead({ [MANAGED_BY_TAG_KEY]: REPO }, extra);

type V2Call = { readonly method: keyof ApiGatewayV2Port; readonly args: readonly unknown[] };

/**
 * API Gateway V2 over the fake's stored stages, merging as UpdateStage does (evidence items
 * 13–16); `fail` queues an error for the next call of a method.
 */
function fakeApiGatewayV2(fake: FakeCloudControl) {
  const calls: V2Call[] = [];
  const failures: { method: keyof ApiGatewayV2Port; error: Error }[] = [];
  const change = (mutate: (stage: Record<string, unknown>) => void): void => {
    const stage = structuredClone(fake.stages.get(IDENTIFIER));
    if (!stage)
      throw new ApiGatewayV2Error('NotFoundException', 'Invalid stage identifier', 'client');
    mutate(stage);
    fake.put(IDENTIFIER, stage);
  };
  const record = (method: keyof ApiGatewayV2Port, args: readonly unknown[]): void => {
    calls.push({ method, args });
    const index = failures.findIndex((failure) => failure.method === method);
    if (index >= 0) throw failures.splice(index, 1)[0]?.error;
  };
  const object = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : {};
  const port: ApiGatewayV2Port = {
    async updateStage(apiId, stageName, members: StageUpdateMembers) {
      record('updateStage', [apiId, stageName, members]);
      change((stage) => {
        const { StageVariables, RouteSettings, ...rest } = members;
        Object.assign(stage, rest);
        if (StageVariables) {
          const variables = object(stage.StageVariables);
          for (const [key, value] of Object.entries(StageVariables))
            if (value === '') delete variables[key];
            else variables[key] = value;
          stage.StageVariables = variables;
        }
        if (RouteSettings)
          stage.RouteSettings = { ...object(stage.RouteSettings), ...RouteSettings };
      });
    },
    async deleteRouteSettings(apiId, stageName, routeKey) {
      record('deleteRouteSettings', [apiId, stageName, routeKey]);
      change((stage) => {
        const routes = object(stage.RouteSettings);
        if (!(routeKey in routes))
          throw new ApiGatewayV2Error(
            'NotFoundException',
            `No route settings for ${routeKey}`,
            'client',
          );
        delete routes[routeKey];
        stage.RouteSettings = routes;
      });
    },
    async deleteAccessLogSettings(apiId, stageName) {
      record('deleteAccessLogSettings', [apiId, stageName]);
      change((stage) => delete stage.AccessLogSettings);
    },
    async tagResource(arn, tags) {
      record('tagResource', [arn, tags]);
      change((stage) => (stage.Tags = { ...object(stage.Tags), ...tags }));
    },
    async untagResource(arn, tagKeys) {
      record('untagResource', [arn, tagKeys]);
      change((stage) => {
        const tags = object(stage.Tags);
        for (const key of tagKeys) delete tags[key];
        stage.Tags = tags;
      });
    },
    stageArn: async (apiId, stageName) => v2StageArn('eu-west-1', apiId, stageName),
  };
  return {
    port,
    calls,
    methods: () => calls.map((call) => call.method),
    fail: (method: keyof ApiGatewayV2Port, error: Error) => failures.push({ method, error }),
  };
}

function planOf(change: StageChange): Plan {
  return {
    target: 'test',
    repository: REPO,
    previousSpecs: { status: 'unavailable', reason: 'not needed here' },
    changes: [change],
    counts: { create: 0, update: change.action === 'update' ? 1 : 0, delete: 0, noOp: 0 },
    prune: { enabled: false, skippedUnmanaged: [], skippedForeign: [] },
    hash: 'sha256:test',
  };
}

async function setup(spec: DesiredStage, stage: StageProperties) {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(IDENTIFIER, stage);
  const change = planStageChange(
    spec,
    await fake.getResource(V2_STAGE_TYPE_NAME, IDENTIFIER),
    REPO,
  );
  assert.equal(change.action, 'update');
  assert.equal((change as UpdateChange).route?.service, 'apigatewayv2');
  fake.calls.length = 0;
  const v2 = fakeApiGatewayV2(fake);
  const replans: string[] = [];
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    maxConcurrency: 1,
    operationTimeoutMs: 10_000,
    commitSha: COMMIT,
    repository: REPO,
    replan: async (identifier) => {
      replans.push(identifier);
      const current = await fake.getResource(V2_STAGE_TYPE_NAME, identifier);
      return planStageChange(spec, current, REPO);
    },
    sleep: fake.clock.sleep,
    now: fake.clock.now,
    random: () => 0.5,
    retryBackoff: { baseMs: 200, factor: 2, capMs: 2_000 },
    apiGatewayV2: v2.port,
    ...extra,
  });
  const run = async (extra: Partial<ApplyOptions> = {}): Promise<StageOutcome> => {
    const result = await applyPlan(planOf(change), fake, options(extra));
    return result.outcomes[0] as StageOutcome;
  };
  return { fake, v2, run, replans, change: change as UpdateChange };
}

const throttlesOnly = desired({
  DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
});

describe('an update routed through API Gateway V2', () => {
  it('makes the calls instead of UpdateResource, then reads the stage back and finds it as planned', async () => {
    const { fake, v2, run } = await setup(throttlesOnly, live());
    const outcome = await run();
    assert.equal(outcome.status, 'applied', outcome.statusMessage);
    assert.equal(outcome.drift, undefined);
    assert.equal(fake.count('updateResource'), 0, 'Cloud Control was never asked to update');
    assert.deepEqual(v2.methods(), ['tagResource', 'updateStage']);
    assert.deepEqual(v2.calls[0]?.args, [
      `arn:aws:apigateway:eu-west-1::/apis/${API}/stages/$default`,
      { [APPLIED_COMMIT_TAG_KEY]: COMMIT },
    ]);
    assert.deepEqual(v2.calls[1]?.args, [
      API,
      '$default',
      {
        DefaultRouteSettings: {
          DetailedMetricsEnabled: false,
          ThrottlingBurstLimit: 10,
          ThrottlingRateLimit: 5,
        },
      },
    ]);
    // The re-read before writing, then the read-back that verifies.
    assert.deepEqual(
      fake.calls.map((call) => call.method),
      ['getResource', 'getResource'],
    );
    assert.ok(
      outcome.notes?.includes(
        `updated through API Gateway V2: TagResource (${APPLIED_COMMIT_TAG_KEY}), UpdateStage (DefaultRouteSettings)`,
      ),
      String(outcome.notes),
    );
  });

  it('applies the patch to the re-read stage when only its minted DeploymentId moved, and never sends one', async () => {
    const { fake, v2, run } = await setup(throttlesOnly, live());
    // The API changed after the plan: auto-deploy minted a new deployment (evidence item 4).
    fake.put(IDENTIFIER, live({ DeploymentId: 'yy83cc' }));
    const outcome = await run();
    assert.equal(outcome.status, 'applied', outcome.statusMessage);
    assert.equal(outcome.drift, undefined);
    const update = v2.calls.find((call) => call.method === 'updateStage');
    assert.equal((update?.args[2] as StageUpdateMembers).DeploymentId, undefined);
    assert.equal(fake.stages.get(IDENTIFIER)?.DeploymentId, 'yy83cc');
  });

  it('reports drift when the stage reads back otherwise than planned', async () => {
    const { fake, v2, run } = await setup(throttlesOnly, live());
    const updateStage = v2.port.updateStage;
    v2.port.updateStage = async (...args) => {
      await updateStage(...args);
      // API Gateway kept a different burst limit than the one sent.
      const stage = structuredClone(fake.stages.get(IDENTIFIER) ?? {});
      (stage.DefaultRouteSettings as Record<string, unknown>).ThrottlingBurstLimit = 9;
      fake.put(IDENTIFIER, stage);
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    assert.deepEqual(
      outcome.drift?.map((diff) => diff.path),
      ['DefaultRouteSettings.ThrottlingBurstLimit'],
    );
  });

  it('fails the stage with a clear message, and never asks Cloud Control, when the apply has no API Gateway V2 port', async () => {
    const { fake, run } = await setup(throttlesOnly, live());
    const outcome = await run({ apiGatewayV2: undefined });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorCode, 'ApiGatewayV2Unavailable');
    assert.match(outcome.statusMessage ?? '', /no API Gateway V2 client\. Nothing was written\./);
    assert.equal(fake.count('updateResource'), 0);
  });

  it('reports which call failed, with its exception and message, and what had already been applied', async () => {
    const { v2, run } = await setup(throttlesOnly, live());
    v2.fail(
      'updateStage',
      new ApiGatewayV2Error(
        'BadRequestException',
        `UpdateStage ${IDENTIFIER}: Execution logs are not supported on protocolType HTTP`,
        'client',
      ),
    );
    const outcome = await run();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorCode, 'BadRequestException');
    assert.equal(
      outcome.statusMessage,
      `UpdateStage (DefaultRouteSettings) failed: UpdateStage ${IDENTIFIER}: Execution logs are not supported on protocolType HTTP. ` +
        `Already applied: TagResource (${APPLIED_COMMIT_TAG_KEY}).`,
    );
    assert.deepEqual(v2.methods(), ['tagResource', 'updateStage'], 'a refusal is not retried');
  });

  it('sends the calls again after a throttle that outlasted the client’s retries, from the one refused', async () => {
    const { v2, run } = await setup(throttlesOnly, live());
    v2.fail(
      'updateStage',
      new ApiGatewayV2Error('TooManyRequestsException', 'Too Many Requests', 'client'),
    );
    const outcome = await run();
    assert.equal(outcome.status, 'applied', outcome.statusMessage);
    // TagResource had answered: the resend starts at the refused UpdateStage.
    assert.deepEqual(v2.methods(), ['tagResource', 'updateStage', 'updateStage']);
    assert.ok(
      outcome.notes?.includes(
        `updated through API Gateway V2: TagResource (${APPLIED_COMMIT_TAG_KEY}), UpdateStage (DefaultRouteSettings)`,
      ),
      String(outcome.notes),
    );
    assert.ok(
      outcome.notes?.includes(
        'throttled by API Gateway: sent the update calls again after a backoff',
      ),
      String(outcome.notes),
    );
  });

  it('gives up after the resend budget, reporting the last failure', async () => {
    const { v2, run } = await setup(throttlesOnly, live());
    for (let i = 0; i < 10; i += 1)
      v2.fail('updateStage', new ApiGatewayV2Error('NetworkError', 'socket hang up', 'transport'));
    const outcome = await run({ limits: { maxSyncRetries: 2 } });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorCode, 'NetworkError');
    assert.deepEqual(v2.methods(), ['tagResource', 'updateStage', 'updateStage', 'updateStage']);
    assert.match(
      outcome.statusMessage ?? '',
      new RegExp(`Already applied: TagResource \\(${APPLIED_COMMIT_TAG_KEY}\\)\\.$`),
    );
  });

  it('re-reads and re-plans after a ConflictException, and sends only what is left', async () => {
    const spec = desired({
      DefaultRouteSettings: { ThrottlingBurstLimit: 10 },
      StageVariables: { color: 'blue' },
    });
    const { fake, v2, run, replans } = await setup(spec, live());
    v2.fail('updateStage', new ApiGatewayV2Error('ConflictException', 'conflict', 'client'));
    const outcome = await run();
    assert.equal(outcome.status, 'applied', outcome.statusMessage);
    assert.deepEqual(replans, [IDENTIFIER]);
    // The tags landed before the conflict: the re-plan has nothing left to tag.
    assert.deepEqual(v2.methods(), ['tagResource', 'updateStage', 'updateStage']);
    assert.deepEqual(fake.stages.get(IDENTIFIER)?.StageVariables, { color: 'blue' });
  });

  it('counts a route’s settings already gone as deleted', async () => {
    const { v2, run } = await setup(
      desired({ RouteSettings: {} }),
      live({ RouteSettings: { 'GET /old': { ThrottlingBurstLimit: 1 } } }),
    );
    const deleteRouteSettings = v2.port.deleteRouteSettings;
    v2.port.deleteRouteSettings = async (...args) => {
      await deleteRouteSettings(...args);
      // The answer was lost, so the call is made again and meets its own delete.
      throw new ApiGatewayV2Error('NetworkError', 'socket hang up', 'transport');
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied', outcome.statusMessage);
    assert.equal(outcome.drift, undefined);
    assert.ok(
      outcome.notes?.some((note) => note.includes('DeleteRouteSettings (GET /old): already gone')),
      String(outcome.notes),
    );
  });

  it('refuses, before any call, an update API Gateway V2 cannot make', async () => {
    const { fake, v2, change } = await setup(throttlesOnly, live());
    const removesDefaults: UpdateChange = {
      ...change,
      patch: [{ op: 'remove', path: '/DefaultRouteSettings' }],
    };
    const result = await applyPlan(planOf(removesDefaults), fake, {
      maxConcurrency: 1,
      operationTimeoutMs: 10_000,
      commitSha: COMMIT,
      repository: REPO,
      replan: async () => undefined,
      sleep: fake.clock.sleep,
      now: fake.clock.now,
      apiGatewayV2: v2.port,
    });
    const outcome = result.outcomes[0];
    assert.equal(outcome?.status, 'failed');
    assert.equal(outcome?.errorCode, 'NotUpdatableThroughApiGateway');
    assert.match(outcome?.statusMessage ?? '', /removing DefaultRouteSettings/);
    assert.deepEqual(v2.calls, []);
    assert.equal(fake.count('updateResource'), 0);
  });
});
