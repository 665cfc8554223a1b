import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeDefaults } from '../../src/desired/merge-defaults.ts';
import { liftDefaults } from '../../src/import/lift-defaults.ts';

const prod = {
  RestApiId: 'abc1234',
  StageName: 'prod',
  DeploymentId: 'dep1',
  Description: 'Production',
  Tags: [
    { Key: 'Team', Value: 'payments' },
    { Key: 'Env', Value: 'prod' },
  ],
};
const dev = {
  RestApiId: 'abc1234',
  StageName: 'dev',
  DeploymentId: 'dep2',
  Tags: [{ Key: 'Team', Value: 'payments' }],
};

test('values every stage shares move into defaults; tags move one by one', () => {
  const lifted = liftDefaults([prod, dev]);
  assert.deepEqual(lifted.defaults, {
    RestApiId: 'abc1234',
    Tags: [{ Key: 'Team', Value: 'payments' }],
  });
  assert.deepEqual(lifted.stages, [
    {
      StageName: 'prod',
      DeploymentId: 'dep1',
      Description: 'Production',
      Tags: [{ Key: 'Env', Value: 'prod' }],
    },
    { StageName: 'dev', DeploymentId: 'dep2' },
  ]);
});

test('merging the defaults back gives every stage exactly its properties', () => {
  const lifted = liftDefaults([prod, dev]);
  assert.deepEqual(
    lifted.stages.map((own) => mergeDefaults(lifted.defaults, own)),
    [prod, dev],
  );
});

test('a single stage, and the stage name, stay where they are', () => {
  assert.deepEqual(liftDefaults([prod]), { defaults: {}, stages: [prod] });
  const twins = liftDefaults([
    { StageName: 'a', X: 1 },
    { StageName: 'a', X: 1 },
  ]);
  assert.deepEqual(twins.defaults, { X: 1 });
});

const chat = {
  ApiId: 'z1mf4h761f',
  StageName: 'prod',
  AutoDeploy: true,
  Tags: { team: 'chat', env: 'prod' },
};
const chatDev = {
  ApiId: 'z1mf4h761f',
  StageName: 'dev',
  AutoDeploy: true,
  Tags: { team: 'chat', env: 'dev', owner: 'ana' },
};

test("V2 stages' map tags move key by key, and stay maps", () => {
  const lifted = liftDefaults([chat, chatDev], 'map');
  assert.deepEqual(lifted.defaults, {
    ApiId: 'z1mf4h761f',
    AutoDeploy: true,
    Tags: { team: 'chat' },
  });
  assert.deepEqual(lifted.stages, [
    { StageName: 'prod', Tags: { env: 'prod' } },
    { StageName: 'dev', Tags: { env: 'dev', owner: 'ana' } },
  ]);
  assert.deepEqual(
    lifted.stages.map((own) => mergeDefaults(lifted.defaults, own, 'map')),
    [chat, chatDev],
  );
});

test('a tag every V2 stage carries with the same value leaves each stage without Tags', () => {
  const lifted = liftDefaults(
    [
      { StageName: 'a', Tags: { team: 'chat' } },
      { StageName: 'b', Tags: { team: 'chat' } },
    ],
    'map',
  );
  assert.deepEqual(lifted, {
    defaults: { Tags: { team: 'chat' } },
    stages: [{ StageName: 'a' }, { StageName: 'b' }],
  });
});
