import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEPLOYMENT,
  REST_API,
  STAGE,
  deploymentId,
  stageType,
} from '../../../emulator/resources/stage.ts';
import { isFailure } from '../../../emulator/resources/types.ts';
import { World } from '../../../emulator/resources/world.ts';

function world(): World {
  const w = new World(1);
  w.put(REST_API, 'api', { RestApiId: 'api', Name: 'api' });
  w.put(DEPLOYMENT, deploymentId('d1', 'api'), { DeploymentId: 'd1', RestApiId: 'api' });
  return w;
}

const base = { RestApiId: 'api', StageName: 'prod', DeploymentId: 'd1' };

describe('stage handlers', () => {
  it('creates, reads through the read model, updates and deletes', () => {
    const w = world();
    assert.deepEqual(stageType.create(w, { ...base, Tags: [] }), {
      RestApiId: 'api',
      StageName: 'prod',
    });
    assert.deepEqual(w.get(STAGE, 'api|prod'), { ...base, Tags: [] }, 'stored as written');
    const id = { RestApiId: 'api', StageName: 'prod' };
    assert.deepEqual(stageType.read(w, id), {
      ...base,
      TracingEnabled: false,
      CacheClusterEnabled: false,
    });
    assert.equal(stageType.update?.(w, id, { ...base, Description: 'v2' }), undefined);
    assert.equal((stageType.read(w, id) as Record<string, unknown>).Description, 'v2');
    assert.equal(stageType.delete(w, id), undefined);
    const gone = stageType.read(w, id);
    assert.ok(isFailure(gone) && gone.errorCode === 'NotFound');
  });

  it('applies API Gateway rules the registry schema does not state', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        {
          ...base,
          MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'DEBUG' }],
        },
        /^Invalid logging level/,
      ],
      [
        { ...base, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
        /^Too many tags/,
      ],
      [
        // Fact 26 of docs/reference/aws-recorded-behaviour.md (LocalStack canary snapshot).
        { ...base, CanarySetting: { DeploymentId: 'missing' } },
        /^Deployment id does not exist \(Service: ApiGateway, Status Code: 400/,
      ],
      [{ ...base, StageName: '' }, /^Stage name cannot be empty/],
    ];
    for (const [desired, message] of cases) {
      const result = stageType.create(world(), desired);
      assert.ok(isFailure(result), JSON.stringify(desired));
      assert.match(result.message, message);
      assert.match(
        result.message,
        /\(Service: ApiGateway, Status Code: \d{3}, Request ID: [0-9a-f-]{36}\)$/,
      );
    }
  });

  it('lists the stages of one REST API, and fails for an unknown one', () => {
    const w = world();
    stageType.create(w, base);
    stageType.create(w, { ...base, StageName: 'dev' });
    const listed = stageType.list(w, { RestApiId: 'api' });
    assert.ok(!isFailure(listed));
    assert.deepEqual(
      listed.map((resource) => resource.identifier),
      ['api|dev', 'api|prod'],
    );
    assert.ok(isFailure(stageType.list(w, { RestApiId: 'other' })));
  });
});
