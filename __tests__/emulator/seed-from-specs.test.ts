import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliUsageError } from '../../emulator/cli-args.ts';
import { idForName, seedsFromSpecs, seedsFromSpecTexts } from '../../emulator/seed-from-specs.ts';

test('every REST API and deployment the specs name, from stages and defaults, canaries included', () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'a.yml',
      text: 'defaults:\n  RestApiId: abc1234\n  DeploymentId: dep0001\nstages:\n  Prod:\n    StageName: prod\n  Staging:\n    StageName: staging\n    CanarySetting: { DeploymentId: xyz5678 }\n',
    },
    {
      path: 'b.yml',
      text: 'stages:\n  Other:\n    RestApiId: def5678\n    StageName: p\n    DeploymentId: dep9\n',
    },
    { path: 'broken.yml', text: 'stages: [\n' },
    { path: 'empty.yml', text: '' },
  ]);
  assert.deepEqual(seeds.restApis, [
    { restApiId: 'abc1234', deploymentIds: ['dep0001', 'xyz5678'] },
    { restApiId: 'def5678', deploymentIds: ['dep9'] },
  ]);
  assert.deepEqual(
    seeds.skipped.map((line) => line.split(':')[0]),
    ['broken.yml', 'empty.yml'],
  );
});

test('a REST API a spec names (`rest-api:`) is seeded with that Name and an id stable per name', () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'a.yml',
      text: 'defaults:\n  rest-api: payments-api\n  DeploymentId: dep1\nstages:\n  Prod: { StageName: prod }\n  Own: { RestApiId: abc1234, StageName: own }\n',
    },
  ]);
  assert.deepEqual(
    seeds.restApis,
    [
      { restApiId: 'abc1234', deploymentIds: ['dep1'] },
      { restApiId: idForName('payments-api'), name: 'payments-api', deploymentIds: ['dep1'] },
    ].sort((a, b) => a.restApiId.localeCompare(b.restApiId)),
  );
  assert.match(idForName('payments-api'), /^[0-9a-f]{10}$/);
});

test('reads .yml and .yaml files under a folder, or one file, and refuses a missing path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-from-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'team'));
  writeFileSync(
    join(dir, 'team', 'a.yaml'),
    'stages:\n  A:\n    RestApiId: aaa\n    StageName: a\n    DeploymentId: d1\n',
  );
  writeFileSync(
    join(dir, 'b.yml'),
    'stages:\n  B:\n    RestApiId: bbb\n    StageName: b\n    DeploymentId: d2\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'stages: nope');
  assert.deepEqual(
    (await seedsFromSpecs([dir])).restApis.map((api) => api.restApiId),
    ['aaa', 'bbb'],
  );
  assert.deepEqual(
    (await seedsFromSpecs([join(dir, 'b.yml')])).restApis.map((api) => api.restApiId),
    ['bbb'],
  );
  await assert.rejects(seedsFromSpecs([join(dir, 'missing')]), CliUsageError);
});
