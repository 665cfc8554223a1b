/**
 * Conformance of CreateResource, UpdateResource and DeleteResource, driven through the real
 * `@aws-sdk/client-cloudcontrol` client.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import {
  DEPLOYMENT,
  REST_API,
  STAGE,
  rejection,
  seedApi,
  startTestBed,
  waitForTerminal,
  type TestBed,
} from '../harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

const createStage = (desired: Record<string, unknown>, clientToken?: string) =>
  bed.client.send(
    new CreateResourceCommand({
      TypeName: STAGE,
      DesiredState: JSON.stringify(desired),
      ...(clientToken ? { ClientToken: clientToken } : {}),
    }),
  );

const patchStage = (identifier: string, patch: unknown[], clientToken?: string) =>
  bed.client.send(
    new UpdateResourceCommand({
      TypeName: STAGE,
      Identifier: identifier,
      PatchDocument: JSON.stringify(patch),
      ...(clientToken ? { ClientToken: clientToken } : {}),
    }),
  );

describe('asynchronous lifecycle', () => {
  it('returns IN_PROGRESS with identifier and token, then SUCCESS with the read model and a later EventTime', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'life000001', 'dep101');
    const { ProgressEvent: started } = await createStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    assert.equal(started?.OperationStatus, 'IN_PROGRESS');
    assert.equal(started?.Operation, 'CREATE');
    assert.equal(started?.Identifier, `${restApiId}|prod`);
    assert.ok(started?.EventTime instanceof Date);
    // Fact 1 of docs/reference/aws-recorded-behaviour.md: the first response has no RetryAfter.
    assert.equal(started?.RetryAfter, undefined);
    const done = await waitForTerminal(bed.client, started?.RequestToken as string);
    assert.equal(done.OperationStatus, 'SUCCESS');
    assert.ok((done.EventTime as Date).getTime() > (started?.EventTime as Date).getTime());
    assert.equal(done.RetryAfter, undefined);
    assert.deepEqual(JSON.parse(done.ResourceModel as string), {
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
      TracingEnabled: false,
      CacheClusterEnabled: false,
    });
  });

  it('finishes a write whether or not anybody polls', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'life000002', 'dep102');
    await createStage({ RestApiId: restApiId, StageName: 'quiet', DeploymentId: deploymentId });
    for (let i = 0; i < 2000 && !bed.emulator.getStoredModel(STAGE, `${restApiId}|quiet`); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    assert.equal(
      bed.emulator.getStoredModel(STAGE, `${restApiId}|quiet`)?.DeploymentId,
      deploymentId,
    );
    const polls = bed.emulator.calls.filter(
      (call) =>
        call.operation === 'GetResourceRequestStatus' && call.identifier === `${restApiId}|quiet`,
    );
    assert.equal(polls.length, 0);
  });

  it('sets up a whole world through Cloud Control: RestApi, Deployment, Stage, then deletes them', async () => {
    const api = await bed.client.send(
      new CreateResourceCommand({
        TypeName: REST_API,
        DesiredState: JSON.stringify({ Name: 'world' }),
      }),
    );
    assert.equal(
      api.ProgressEvent?.Identifier,
      undefined,
      'a generated identifier is unknown until the create ends',
    );
    const apiDone = await waitForTerminal(bed.client, api.ProgressEvent?.RequestToken as string);
    const restApiId = apiDone.Identifier as string;
    assert.match(restApiId, /^[a-z0-9]{10}$/);
    const dep = await bed.client.send(
      new CreateResourceCommand({
        TypeName: DEPLOYMENT,
        DesiredState: JSON.stringify({ RestApiId: restApiId }),
      }),
    );
    const depDone = await waitForTerminal(bed.client, dep.ProgressEvent?.RequestToken as string);
    const [deploymentId, depApi] = (depDone.Identifier as string).split('|');
    assert.equal(depApi, restApiId, 'the Deployment identifier is DeploymentId|RestApiId');
    const stage = await createStage({
      RestApiId: restApiId,
      StageName: 'dev',
      DeploymentId: deploymentId,
    });
    assert.equal(
      (await waitForTerminal(bed.client, stage.ProgressEvent?.RequestToken as string))
        .OperationStatus,
      'SUCCESS',
    );

    const inUse = await bed.client.send(
      new DeleteResourceCommand({ TypeName: DEPLOYMENT, Identifier: depDone.Identifier }),
    );
    const inUseDone = await waitForTerminal(
      bed.client,
      inUse.ProgressEvent?.RequestToken as string,
    );
    assert.equal(inUseDone.OperationStatus, 'FAILED');
    assert.match(
      inUseDone.StatusMessage as string,
      /^Active stages pointing to this deployment must be moved or deleted \(Service: ApiGateway/,
    );

    const delApi = await bed.client.send(
      new DeleteResourceCommand({ TypeName: REST_API, Identifier: restApiId }),
    );
    assert.equal(
      (await waitForTerminal(bed.client, delApi.ProgressEvent?.RequestToken as string))
        .OperationStatus,
      'SUCCESS',
    );
    assert.equal(
      bed.emulator.getStoredModel(STAGE, `${restApiId}|dev`),
      undefined,
      'deleting the API deletes its stages',
    );
  });

  it('creates or repoints the stage named by a Deployment, as CreateDeployment does', async () => {
    const { restApiId } = seedApi(bed.emulator, 'life000003', 'dep103');
    const dep = await bed.client.send(
      new CreateResourceCommand({
        TypeName: DEPLOYMENT,
        DesiredState: JSON.stringify({ RestApiId: restApiId, StageName: 'implicit' }),
      }),
    );
    const done = await waitForTerminal(bed.client, dep.ProgressEvent?.RequestToken as string);
    const deploymentId = (done.Identifier as string).split('|')[0];
    assert.equal(
      JSON.parse(done.ResourceModel as string).StageName,
      undefined,
      'StageName is write-only',
    );
    assert.equal(
      bed.emulator.getStoredModel(STAGE, `${restApiId}|implicit`)?.DeploymentId,
      deploymentId,
    );
    const clash = await createStage({
      RestApiId: restApiId,
      StageName: 'implicit',
      DeploymentId: deploymentId,
    });
    const clashDone = await waitForTerminal(
      bed.client,
      clash.ProgressEvent?.RequestToken as string,
    );
    assert.equal(clashDone.ErrorCode, 'AlreadyExists');
  });
});

describe('CreateResource of a stage', () => {
  it('fails asynchronously with API Gateway messages when the world is missing', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'crea000001', 'dep201');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { RestApiId: restApiId, StageName: 'nodep' },
        'InvalidRequest',
        /^DeploymentId cannot be empty \(Service: ApiGateway, Status Code: 400, Request ID: [0-9a-f-]+\)$/,
      ],
      [
        { RestApiId: 'zzzzzzzzzz', StageName: 'noapi', DeploymentId: deploymentId },
        'NotFound',
        /^Invalid API identifier specified \(Service: ApiGateway, Status Code: 404/,
      ],
      [
        { RestApiId: restApiId, StageName: 'baddep', DeploymentId: 'nope99' },
        'NotFound',
        /^Invalid Deployment identifier specified/,
      ],
      [
        { RestApiId: restApiId, StageName: 'bad name', DeploymentId: deploymentId },
        'InvalidRequest',
        /^Stage name only allows/,
      ],
      [
        {
          RestApiId: restApiId,
          StageName: 'cache',
          DeploymentId: deploymentId,
          CacheClusterSize: '2',
        },
        'InvalidRequest',
        /^Invalid cache cluster size/,
      ],
    ];
    for (const [desired, code, message] of cases) {
      const { ProgressEvent: started } = await createStage(desired);
      assert.equal(started?.OperationStatus, 'IN_PROGRESS');
      const done = await waitForTerminal(bed.client, started?.RequestToken as string);
      assert.equal(done.OperationStatus, 'FAILED', JSON.stringify(desired));
      assert.equal(done.ErrorCode, code);
      assert.match(done.StatusMessage as string, message);
    }
  });

  it('fails a duplicate with AlreadyExists', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'crea000002', 'dep202');
    bed.emulator.putStage({ RestApiId: restApiId, StageName: 'prod', DeploymentId: deploymentId });
    const { ProgressEvent: started } = await createStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const done = await waitForTerminal(bed.client, started?.RequestToken as string);
    assert.equal(done.ErrorCode, 'AlreadyExists');
    assert.match(
      done.StatusMessage as string,
      /^Stage already exists \(Service: ApiGateway, Status Code: 409/,
    );
  });

  it('validates the desired state against the registry schema synchronously, without coercing strings', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ StageName: 'x' }, 'Model validation failed (#: required key [RestApiId] not found)'],
      [
        { RestApiId: 'a', TracingEnabled: 'true' },
        'Model validation failed (#/TracingEnabled: expected type: Boolean, found: String)',
      ],
      [
        {
          RestApiId: 'a',
          MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', CacheTtlInSeconds: '300' }],
        },
        'Model validation failed (#/MethodSettings/0/CacheTtlInSeconds: expected type: Integer, found: String)',
      ],
      [
        { RestApiId: 'a', Foo: 1 },
        'Model validation failed (#: extraneous key [Foo] is not permitted)',
      ],
      [
        { RestApiId: 'a', CanarySetting: { PercentTraffic: 150 } },
        'Model validation failed (#/CanarySetting/PercentTraffic: failed validation constraint for keyword [maximum])',
      ],
    ];
    for (const [desired, message] of cases) {
      const error = await rejection(createStage(desired));
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.message, message);
      assert.equal(error.$metadata?.httpStatusCode, 400);
    }
  });

  it('answers an unknown type with TypeNotFoundException', async () => {
    const error = await rejection(
      bed.client.send(new CreateResourceCommand({ TypeName: 'AWS::Foo::Bar', DesiredState: '{}' })),
    );
    assert.equal(error.name, 'TypeNotFoundException');
    assert.equal(error.message, "The type 'AWS::Foo::Bar' cannot be found.");
  });
});

describe('ClientToken idempotency and concurrency', () => {
  it('returns the same request for the same token and body, and a conflict for a different body', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'idem000001', 'dep301');
    const desired = { RestApiId: restApiId, StageName: 'prod', DeploymentId: deploymentId };
    const first = await createStage(desired, 'token-idem-1');
    const again = await createStage(desired, 'token-idem-1');
    assert.equal(again.ProgressEvent?.RequestToken, first.ProgressEvent?.RequestToken);
    await waitForTerminal(bed.client, first.ProgressEvent?.RequestToken as string);
    const afterDone = await createStage(desired, 'token-idem-1');
    assert.equal(afterDone.ProgressEvent?.RequestToken, first.ProgressEvent?.RequestToken);
    assert.equal(
      afterDone.ProgressEvent?.OperationStatus,
      'SUCCESS',
      'the replay shows the current state',
    );
    const conflict = await rejection(
      createStage({ ...desired, Description: 'other' }, 'token-idem-1'),
    );
    assert.equal(conflict.name, 'ClientTokenConflictException');
    const otherOperation = await rejection(
      bed.client.send(
        new DeleteResourceCommand({
          TypeName: STAGE,
          Identifier: `${restApiId}|prod`,
          ClientToken: 'token-idem-1',
        }),
      ),
    );
    assert.equal(otherOperation.name, 'ClientTokenConflictException');
  });

  it('with retryAfterMs, a running write asks to be polled that far after its start (a day, say)', async () => {
    const day = 24 * 60 * 60 * 1000;
    bed.emulator.knobs.operationDurationMs = 60_000;
    bed.emulator.knobs.retryAfterMs = day;
    try {
      const { restApiId, deploymentId } = seedApi(bed.emulator, 'late000001', 'dep303');
      const before = Date.now();
      const started = await createStage({
        RestApiId: restApiId,
        StageName: 'prod',
        DeploymentId: deploymentId,
      });
      const { ProgressEvent: running } = await bed.client.send(
        new GetResourceRequestStatusCommand({ RequestToken: started.ProgressEvent?.RequestToken }),
      );
      assert.equal(running?.OperationStatus, 'IN_PROGRESS');
      const askedMs = (running?.RetryAfter?.getTime() ?? 0) - before;
      // Epoch seconds on the wire: within a second or two of a day after the start.
      assert.ok(askedMs > day - 2_000 && askedMs < day + 2_000, `RetryAfter ${askedMs} ms ahead`);
    } finally {
      delete bed.emulator.knobs.retryAfterMs;
      bed.emulator.knobs.operationDurationMs = 5;
      bed.emulator.completeInFlight();
    }
  });

  it('refuses a second write while one is in flight, and takes it once the first ends', async () => {
    bed.emulator.knobs.operationDurationMs = 60_000;
    try {
      const { restApiId, deploymentId } = seedApi(bed.emulator, 'conc000001', 'dep302');
      const identifier = `${restApiId}|prod`;
      const first = await createStage({
        RestApiId: restApiId,
        StageName: 'prod',
        DeploymentId: deploymentId,
      });
      const second = await rejection(
        patchStage(identifier, [{ op: 'add', path: '/Description', value: 'x' }]),
      );
      assert.equal(second.name, 'ConcurrentOperationException');
      const deleting = await rejection(
        bed.client.send(new DeleteResourceCommand({ TypeName: STAGE, Identifier: identifier })),
      );
      assert.equal(deleting.name, 'ConcurrentOperationException');
      bed.emulator.completeInFlight();
      const { ProgressEvent: done } = await bed.client.send(
        new GetResourceRequestStatusCommand({ RequestToken: first.ProgressEvent?.RequestToken }),
      );
      assert.equal(done?.OperationStatus, 'SUCCESS');
      const update = await patchStage(identifier, [
        { op: 'add', path: '/Description', value: 'x' },
      ]);
      assert.equal(update.ProgressEvent?.OperationStatus, 'IN_PROGRESS');
      bed.emulator.completeInFlight();
    } finally {
      bed.emulator.knobs.operationDurationMs = 5;
    }
  });

  it('lets the SDK fill in a ClientToken by itself', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'idem000002', 'dep303');
    await createStage({ RestApiId: restApiId, StageName: 'auto', DeploymentId: deploymentId });
    const call = bed.emulator.calls.findLast((record) => record.operation === 'CreateResource');
    assert.match(call?.clientToken ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('UpdateResource of a stage', () => {
  it('patches the read model: replace /Tags after Tags: [] fails as on AWS, add works', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'upd0000001', 'dep401');
    const identifier = `${restApiId}|prod`;
    const created = await createStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
      Tags: [],
    });
    await waitForTerminal(bed.client, created.ProgressEvent?.RequestToken as string);
    const tags = [{ Key: 'team', Value: 'payments' }];
    const error = await rejection(
      patchStage(identifier, [{ op: 'replace', path: '/Tags', value: tags }]),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, '[REPLACE Operation] noSuchPath in source, path provided : //Tags');
    const added = await patchStage(identifier, [{ op: 'add', path: '/Tags', value: tags }]);
    const done = await waitForTerminal(bed.client, added.ProgressEvent?.RequestToken as string);
    assert.equal(done.OperationStatus, 'SUCCESS');
    assert.equal(done.Operation, 'UPDATE');
    assert.deepEqual(JSON.parse(done.ResourceModel as string).Tags, tags);
  });

  it('keeps what the patch leaves alone and applies method-setting patches to the defaults-filled model', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'upd0000002', 'dep402');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
      Description: 'keep me',
      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true }],
    });
    const update = await patchStage(identifier, [
      { op: 'test', path: '/MethodSettings/0/ThrottlingRateLimit', value: 10000 },
      { op: 'replace', path: '/MethodSettings/0/ThrottlingRateLimit', value: 75 },
    ]);
    await waitForTerminal(bed.client, update.ProgressEvent?.RequestToken as string);
    const model = bed.emulator.getReadModel(STAGE, identifier) as Record<string, unknown>;
    assert.equal(model.Description, 'keep me');
    assert.equal((model.MethodSettings as Record<string, unknown>[])[0]?.ThrottlingRateLimit, 75);
  });

  it('refuses patches touching create-only properties with NotUpdatableException', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'upd0000003', 'dep403');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const error = await rejection(
      patchStage(identifier, [{ op: 'replace', path: '/StageName', value: 'prod2' }]),
    );
    assert.equal(error.name, 'NotUpdatableException');
    assert.equal(
      error.message,
      'Invalid patch update: createOnlyProperties [/properties/StageName] cannot be updated',
    );
    const same = await rejection(
      patchStage(identifier, [{ op: 'add', path: '/RestApiId', value: restApiId }]),
    );
    assert.equal(same.name, 'NotUpdatableException');
  });

  it('validates the patched model and reports failed test ops and missing stages synchronously', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'upd0000004', 'dep404');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const invalid = await rejection(
      patchStage(identifier, [{ op: 'add', path: '/CacheClusterEnabled', value: 'true' }]),
    );
    assert.equal(
      invalid.message,
      'Model validation failed (#/CacheClusterEnabled: expected type: Boolean, found: String)',
    );
    const failedTest = await rejection(
      patchStage(identifier, [{ op: 'test', path: '/TracingEnabled', value: true }]),
    );
    assert.equal(failedTest.name, 'ValidationException');
    assert.match(failedTest.message, /^\[TEST Operation\] value differs/);
    const missing = await rejection(
      patchStage(`${restApiId}|ghost`, [{ op: 'add', path: '/Description', value: 'x' }]),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(
      bed.emulator.getStoredModel(STAGE, identifier)?.Description,
      undefined,
      'nothing was applied',
    );
  });

  it('fails asynchronously when the new deployment does not exist', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'upd0000005', 'dep405');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const update = await patchStage(identifier, [
      { op: 'replace', path: '/DeploymentId', value: 'gone99' },
    ]);
    const done = await waitForTerminal(bed.client, update.ProgressEvent?.RequestToken as string);
    assert.equal(done.ErrorCode, 'NotFound');
    assert.equal(bed.emulator.getStoredModel(STAGE, identifier)?.DeploymentId, deploymentId);
  });

  it('does not emulate updates of REST APIs (UnsupportedActionException)', async () => {
    const restApiId = bed.emulator.putRestApi({ Name: 'x' });
    const error = await rejection(
      bed.client.send(
        new UpdateResourceCommand({
          TypeName: REST_API,
          Identifier: restApiId,
          PatchDocument: '[]',
        }),
      ),
    );
    assert.equal(error.name, 'UnsupportedActionException');
  });
});

describe('DeleteResource of a stage', () => {
  it('deletes asynchronously, and reports a missing stage as FAILED NotFound', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'del0000001', 'dep501');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const deleted = await bed.client.send(
      new DeleteResourceCommand({ TypeName: STAGE, Identifier: identifier }),
    );
    assert.equal(deleted.ProgressEvent?.Operation, 'DELETE');
    const done = await waitForTerminal(bed.client, deleted.ProgressEvent?.RequestToken as string);
    assert.equal(done.OperationStatus, 'SUCCESS');
    assert.equal(done.ResourceModel, undefined);
    const gone = await rejection(
      bed.client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: identifier })),
    );
    assert.equal(gone.name, 'ResourceNotFoundException');
    const again = await bed.client.send(
      new DeleteResourceCommand({ TypeName: STAGE, Identifier: identifier }),
    );
    const againDone = await waitForTerminal(
      bed.client,
      again.ProgressEvent?.RequestToken as string,
    );
    assert.equal(againDone.OperationStatus, 'FAILED');
    assert.equal(againDone.ErrorCode, 'NotFound');
    assert.match(againDone.StatusMessage as string, /^Invalid stage identifier specified/);
  });
});

describe('injected handler failures', () => {
  it('fails the chosen resource and operation the first N times only', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'fail000001', 'dep601');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    bed.emulator.knobs.handlerFailures.push({
      operation: 'UPDATE',
      identifier,
      errorCode: 'Throttling',
      statusMessage: 'Rate exceeded',
      times: 1,
    });
    try {
      const patch = [{ op: 'add', path: '/Description', value: 'v2' }];
      const first = await patchStage(identifier, patch);
      const firstDone = await waitForTerminal(
        bed.client,
        first.ProgressEvent?.RequestToken as string,
      );
      assert.equal(firstDone.ErrorCode, 'Throttling');
      assert.equal(firstDone.StatusMessage, 'Rate exceeded');
      assert.equal(bed.emulator.getStoredModel(STAGE, identifier)?.Description, undefined);
      const second = await patchStage(identifier, patch);
      assert.equal(
        (await waitForTerminal(bed.client, second.ProgressEvent?.RequestToken as string))
          .OperationStatus,
        'SUCCESS',
      );
    } finally {
      bed.emulator.knobs.handlerFailures.length = 0;
    }
  });
});
