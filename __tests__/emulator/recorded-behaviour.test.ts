/**
 * Conformance to what AWS was recorded doing: one test per fact of
 * docs/reference/aws-recorded-behaviour.md that the emulator models, named by its number and
 * origin, through the unmodified SDK. Each behaviour is on by default, as on AWS; each has a
 * switch (`knobs.recorded`), and the tests show the switch too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  UpdateResourceCommand,
  type CloudControlClient,
} from '@aws-sdk/client-cloudcontrol';
import {
  REDUCED_THROTTLE_REGIONS,
  accountThrottle,
} from '../../emulator/stage/account-throttle.ts';
import {
  STAGE,
  rejection,
  sdkClient,
  seedApi,
  startTestBed,
  waitForTerminal,
  type TestBed,
} from './harness.ts';

type Model = Record<string, unknown>;

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(() => bed.close());

let apis = 0;
/** A fresh REST API and deployment, so tests never share a stage. */
function freshApi() {
  apis += 1;
  return seedApi(bed.emulator, `fact${String(apis).padStart(6, '0')}`, `dep${apis}`);
}

async function read(identifier: string, client: CloudControlClient = bed.client): Promise<Model> {
  const { ResourceDescription } = await client.send(
    new GetResourceCommand({ TypeName: STAGE, Identifier: identifier }),
  );
  return JSON.parse(ResourceDescription?.Properties as string) as Model;
}

async function create(desired: Model) {
  const { ProgressEvent } = await bed.client.send(
    new CreateResourceCommand({ TypeName: STAGE, DesiredState: JSON.stringify(desired) }),
  );
  return ProgressEvent;
}

async function update(identifier: string, patch: readonly Model[]) {
  const { ProgressEvent } = await bed.client.send(
    new UpdateResourceCommand({
      TypeName: STAGE,
      Identifier: identifier,
      PatchDocument: JSON.stringify(patch),
    }),
  );
  return waitForTerminal(bed.client, ProgressEvent?.RequestToken as string);
}

/** The stage's method setting for `key` (`*\/*`, `test/GET`) as it reads back. */
function setting(model: Model, resourcePath: string, httpMethod: string): Model | undefined {
  return (model.MethodSettings as Model[] | undefined)?.find(
    (entry) => entry.ResourcePath === resourcePath && entry.HttpMethod === httpMethod,
  );
}

/** Runs `body` with one recorded behaviour switched off, then switches it back on. */
async function without(
  name: keyof TestBed['emulator']['knobs']['recorded'],
  body: () => Promise<void>,
): Promise<void> {
  bed.emulator.knobs.recorded[name] = false;
  try {
    await body();
  } finally {
    bed.emulator.knobs.recorded[name] = true;
  }
}

describe('recorded AWS behaviour', () => {
  it('fact 1 (LocalStack CC snapshot test_lifecycle): the first response has no RetryAfter, later events do (fact 2)', async () => {
    bed.emulator.knobs.operationDurationMs = 60_000;
    try {
      const { restApiId, deploymentId } = freshApi();
      const started = await create({
        RestApiId: restApiId,
        StageName: 'p',
        DeploymentId: deploymentId,
      });
      assert.equal(started?.OperationStatus, 'IN_PROGRESS');
      assert.equal(started?.RetryAfter, undefined);
      const { ProgressEvent: later } = await bed.client.send(
        new GetResourceRequestStatusCommand({ RequestToken: started?.RequestToken }),
      );
      assert.ok(later?.RetryAfter instanceof Date);
      await without('firstEventWithoutRetryAfter', async () => {
        const second = await create({
          RestApiId: restApiId,
          StageName: 'q',
          DeploymentId: deploymentId,
        });
        assert.ok(second?.RetryAfter instanceof Date);
      });
    } finally {
      bed.emulator.knobs.operationDurationMs = 5;
      bed.emulator.completeInFlight();
    }
  });

  it('fact 3 (LocalStack CC snapshot test_lifecycle): SUCCESS events without ResourceModel, as a knob', async () => {
    const { restApiId, deploymentId } = freshApi();
    const withModel = await create({
      RestApiId: restApiId,
      StageName: 'a',
      DeploymentId: deploymentId,
    });
    const done = await waitForTerminal(bed.client, withModel?.RequestToken as string);
    assert.equal(JSON.parse(done.ResourceModel as string).StageName, 'a', 'default: the model');
    bed.emulator.knobs.successEventModel = false;
    try {
      const bare = await create({
        RestApiId: restApiId,
        StageName: 'b',
        DeploymentId: deploymentId,
      });
      const settled = await waitForTerminal(bed.client, bare?.RequestToken as string);
      assert.equal(settled.OperationStatus, 'SUCCESS');
      assert.equal(settled.ResourceModel, undefined);
    } finally {
      bed.emulator.knobs.successEventModel = true;
    }
  });

  it('fact 21 (LocalStack test_create_update_stages): a new method setting starts from */* and keeps its values when */* changes', async () => {
    const { restApiId, deploymentId } = freshApi();
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'inherit',
      DeploymentId: deploymentId,
      MethodSettings: [
        {
          ResourcePath: '/*',
          HttpMethod: '*',
          CachingEnabled: true,
          CacheTtlInSeconds: 60,
          ThrottlingBurstLimit: 123,
        },
      ],
    });
    const added = await update(identifier, [
      {
        op: 'add',
        path: '/MethodSettings/-',
        value: { ResourcePath: '/test', HttpMethod: 'GET', ThrottlingBurstLimit: 124 },
      },
    ]);
    assert.equal(added.OperationStatus, 'SUCCESS');
    const inherited = setting(await read(identifier), '/~1test', 'GET');
    assert.equal(inherited?.CachingEnabled, true, 'caching came from */*');
    assert.equal(inherited?.CacheTtlInSeconds, 60);
    assert.equal(inherited?.ThrottlingBurstLimit, 124, 'its own value wins');
    const live = await read(identifier);
    const stageWide = (live.MethodSettings as Model[]).findIndex(
      (entry) => entry.ResourcePath === '/*',
    );
    await update(identifier, [
      { op: 'replace', path: `/MethodSettings/${stageWide}/ThrottlingBurstLimit`, value: 100 },
      { op: 'replace', path: `/MethodSettings/${stageWide}/CachingEnabled`, value: false },
    ]);
    const later = await read(identifier);
    assert.equal(setting(later, '/*', '*')?.ThrottlingBurstLimit, 100);
    assert.equal(setting(later, '/~1test', 'GET')?.ThrottlingBurstLimit, 124, 'not changed by */*');
    assert.equal(setting(later, '/~1test', 'GET')?.CachingEnabled, true, 'kept from its creation');
    await without('methodSettingInheritance', async () => {
      await update(identifier, [
        {
          op: 'add',
          path: '/MethodSettings/-',
          value: { ResourcePath: '/other', HttpMethod: 'GET', ThrottlingBurstLimit: 7 },
        },
      ]);
      assert.equal(setting(await read(identifier), '/~1other', 'GET')?.CacheTtlInSeconds, 300);
    });
  });

  it('fact 21: a stage created with */* and a per-method override stores the override with the */* values', async () => {
    const { restApiId, deploymentId } = freshApi();
    const created = await create({
      RestApiId: restApiId,
      StageName: 'created',
      DeploymentId: deploymentId,
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheTtlInSeconds: 30 },
        { ResourcePath: '/orders', HttpMethod: 'POST', ThrottlingRateLimit: 5 },
      ],
    });
    const done = await waitForTerminal(bed.client, created?.RequestToken as string);
    assert.equal(done.OperationStatus, 'SUCCESS');
    const override = setting(await read(`${restApiId}|created`), '/~1orders', 'POST');
    assert.deepEqual(
      [override?.CachingEnabled, override?.CacheTtlInSeconds, override?.ThrottlingRateLimit],
      [true, 30, 5],
    );
  });

  it('fact 23 (LocalStack test_stage_access_log_settings_validation, canary snapshot; cdkd changelog): a field-level remove settles FAILED, a whole-object write works', async () => {
    const { restApiId, deploymentId } = freshApi();
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'removes',
      DeploymentId: deploymentId,
      AccessLogSetting: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:a',
        Format: '$context.requestId',
      },
      CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { color: 'blue' } },
      MethodSettings: [{ ResourcePath: '/orders', HttpMethod: 'GET', ThrottlingBurstLimit: 9 }],
    });
    const refusals: [string, string][] = [
      ['/AccessLogSetting/Format', 'accessLogSettings/format'],
      ['/CanarySetting/StageVariableOverrides', 'canarySettings/stageVariableOverrides'],
      ['/MethodSettings/0/ThrottlingBurstLimit', '~1orders/GET/throttling/burstLimit'],
    ];
    const before = bed.emulator.getStoredModel(STAGE, identifier);
    for (const [path, apiPath] of refusals) {
      const failed = await update(identifier, [{ op: 'remove', path }]);
      assert.equal(failed.OperationStatus, 'FAILED', path);
      assert.equal(failed.ErrorCode, 'InvalidRequest');
      assert.ok(
        failed.StatusMessage?.startsWith(
          `Cannot remove method setting ${apiPath} because there is no method setting for this method  (Service: ApiGateway, Status Code: 400`,
        ),
        failed.StatusMessage,
      );
    }
    assert.deepEqual(bed.emulator.getStoredModel(STAGE, identifier), before, 'nothing changed');
    const replaced = await update(identifier, [
      {
        op: 'replace',
        path: '/AccessLogSetting',
        value: { DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:a' },
      },
    ]);
    assert.equal(replaced.OperationStatus, 'SUCCESS');
    assert.deepEqual((await read(identifier)).AccessLogSetting, {
      DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:a',
    });
    assert.equal(
      (await update(identifier, [{ op: 'remove', path: '/CanarySetting' }])).OperationStatus,
      'SUCCESS',
    );
    await without('fieldRemovesRefused', async () => {
      const removed = await update(identifier, [
        { op: 'remove', path: '/MethodSettings/0/ThrottlingBurstLimit' },
      ]);
      assert.equal(removed.OperationStatus, 'SUCCESS');
    });
  });

  it('fact 25 (LocalStack test_apigateway_canary.snapshot.json): a canary reads back with UseStageCache false and PercentTraffic 0 when unset', async () => {
    const { restApiId, deploymentId } = freshApi();
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'canary',
      DeploymentId: deploymentId,
      CanarySetting: { DeploymentId: deploymentId },
    });
    assert.deepEqual((await read(identifier)).CanarySetting, {
      DeploymentId: deploymentId,
      PercentTraffic: 0,
      UseStageCache: false,
    });
    await without('canaryDefaults', async () => {
      assert.deepEqual((await read(identifier)).CanarySetting, { DeploymentId: deploymentId });
    });
  });

  it('fact 26 (LocalStack test_apigateway_canary.snapshot.json): a canary on an unknown deployment fails with "Deployment id does not exist"', async () => {
    const { restApiId, deploymentId } = freshApi();
    const created = await create({
      RestApiId: restApiId,
      StageName: 'lost',
      DeploymentId: deploymentId,
      CanarySetting: { DeploymentId: 'nope42', PercentTraffic: 5 },
    });
    const failed = await waitForTerminal(bed.client, created?.RequestToken as string);
    assert.equal(failed.OperationStatus, 'FAILED');
    assert.equal(failed.ErrorCode, 'InvalidRequest');
    assert.match(failed.StatusMessage ?? '', /^Deployment id does not exist \(Service: ApiGateway/);
  });

  it('fact 30 (API Gateway quotas page): unset method throttles report the account quota of the signing region, or a raised one', async () => {
    const { restApiId, deploymentId } = freshApi();
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'quota',
      DeploymentId: deploymentId,
      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true }],
    });
    const throttleIn = async (region: string) => {
      const client = sdkClient(bed.emulator.url, { region });
      try {
        const entry = setting(await read(identifier, client), '/*', '*');
        return [entry?.ThrottlingRateLimit, entry?.ThrottlingBurstLimit];
      } finally {
        client.destroy();
      }
    };
    assert.deepEqual(await throttleIn('us-east-1'), [10000, 5000]);
    assert.deepEqual(await throttleIn('eu-south-1'), [2500, 1250], 'Europe (Milan)');
    bed.emulator.knobs.accountThrottle = { rateLimit: 20000, burstLimit: 8000 };
    try {
      assert.deepEqual(await throttleIn('eu-south-1'), [20000, 8000], 'a raised quota');
    } finally {
      delete bed.emulator.knobs.accountThrottle;
    }
    await without('regionalAccountThrottle', async () => {
      assert.deepEqual(await throttleIn('eu-south-1'), [10000, 5000]);
    });
  });

  it('fact 30: the thirteen regions of the quotas page have 2500/1250, others 10000/5000', () => {
    assert.equal(new Set(REDUCED_THROTTLE_REGIONS).size, 13);
    for (const region of REDUCED_THROTTLE_REGIONS)
      assert.deepEqual(accountThrottle(region, { regional: true }), {
        rateLimit: 2500,
        burstLimit: 1250,
      });
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-1'])
      assert.deepEqual(accountThrottle(region, { regional: true }), {
        rateLimit: 10000,
        burstLimit: 5000,
      });
  });

  it('fact 31 (serverless-api-gateway-caching#61, user): a cache enabled without a size reads back with 0.5', async () => {
    const { restApiId, deploymentId } = freshApi();
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'cache',
      DeploymentId: deploymentId,
      CacheClusterEnabled: true,
    });
    assert.equal((await read(identifier)).CacheClusterSize, '0.5');
    await without('cacheSizeDefault', async () => {
      assert.equal('CacheClusterSize' in (await read(identifier)), false);
    });
  });

  it('fact 33 (pulumi-aws-native PR #1809, maintainer): GetResource can miss a stage right after its create, as a knob', async () => {
    const { restApiId, deploymentId } = freshApi();
    bed.emulator.knobs.readAfterCreateLag = { ms: 0, calls: 2 };
    try {
      const created = await create({
        RestApiId: restApiId,
        StageName: 'lag',
        DeploymentId: deploymentId,
      });
      assert.equal(
        (await waitForTerminal(bed.client, created?.RequestToken as string)).OperationStatus,
        'SUCCESS',
      );
      const identifier = `${restApiId}|lag`;
      for (let miss = 0; miss < 2; miss += 1) {
        const error = await rejection(read(identifier));
        assert.equal(error.name, 'ResourceNotFoundException');
      }
      assert.equal((await read(identifier)).StageName, 'lag', 'visible after the lag');
      // A time-based lag, ended by control rather than by waiting.
      bed.emulator.knobs.readAfterCreateLag = { ms: 3_600_000, calls: 0 };
      const timed = await create({
        RestApiId: restApiId,
        StageName: 'timed',
        DeploymentId: deploymentId,
      });
      await waitForTerminal(bed.client, timed?.RequestToken as string);
      assert.equal((await rejection(read(`${restApiId}|timed`))).name, 'ResourceNotFoundException');
      bed.emulator.knobs.readAfterCreateLag = { ms: 0, calls: 0 };
      assert.equal((await read(`${restApiId}|timed`)).StageName, 'timed');
    } finally {
      bed.emulator.knobs.readAfterCreateLag = { ms: 0, calls: 0 };
    }
  });
});
