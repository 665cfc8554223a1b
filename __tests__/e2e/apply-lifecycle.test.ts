/**
 * "the seed examples created, then updated, then unchanged (zero writes)" (README, "How the apply works"): the bundle
 * applies the Alchemy examples three times against the Cloud Control emulator.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import {
  EXAMPLE_STAGES,
  REPOSITORY,
  acceptedStageCalls,
  describeRun,
  logLines,
  startApplyWorld,
  tagValue,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld({});
});
after(() => world.close());

type Model = Record<string, unknown>;
const methodSetting = (model: Model | undefined): Model =>
  ((model?.MethodSettings as Model[] | undefined) ?? [])[0] ?? {};

/**
 * The examples with edits that exercise Cloud Control's patch quirks: a changed scalar, a
 * changed field of a kept method setting, a field dropped from a kept method setting (left to
 * AWS: a manual run cannot prove it was declared), a tag removed, a tag added where only the
 * ownership tag was.
 */
function editedSpec(text: string): string {
  const edits: [string, string][] = [
    ['Description: Production stage for the API', 'Description: Production stage, second edition'],
    ['ThrottlingRateLimit: 50\n', 'ThrottlingRateLimit: 75\n'],
    ['      - { Key: Project, Value: API Project }\n', ''],
    ['        ThrottlingBurstLimit: 200\n', ''],
    [
      '    Description: Staging stage for the API\n',
      '    Description: Staging stage for the API\n    Tags:\n      - { Key: Team, Value: checkout }\n',
    ],
  ];
  return edits.reduce((spec, [from, to]) => {
    assert.ok(spec.includes(from), `the example still contains ${JSON.stringify(from)}`);
    return spec.replace(from, to);
  }, text);
}

test('first apply creates every example stage, once each, as specified', async () => {
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs.creates, '3');

  const creates = acceptedStageCalls(world.emulator.calls, 'CreateResource');
  assert.deepEqual(
    creates.map((call) => call.identifier).sort(),
    Object.values(EXAMPLE_STAGES)
      .map((name) => world.identifier(name))
      .sort(),
    'one accepted CreateResource per stage',
  );
  assert.deepEqual(
    writeCalls(world.emulator.calls).filter((call) => call.operation !== 'CreateResource'),
    [],
  );

  const production = world.readStage('production');
  assert.equal(production?.Description, 'Production stage for the API');
  assert.equal(production?.DeploymentId, world.deploymentIds[0]);
  assert.equal(methodSetting(production).ThrottlingRateLimit, 50);
  assert.equal(tagValue(production, 'Project'), 'API Project');
  assert.equal(tagValue(production, MANAGED_BY_TAG_KEY), REPOSITORY);
  const staging = world.readStage('staging');
  assert.deepEqual(staging?.CanarySetting, {
    DeploymentId: world.deploymentIds[1],
    PercentTraffic: 10,
    UseStageCache: false, // filled in by AWS (fact 25), and never diffed
  });
  assert.equal(methodSetting(staging).ThrottlingBurstLimit, 200);
  const cached = world.readStage('cached');
  assert.equal(cached?.CacheClusterEnabled, true);
  assert.equal(cached?.CacheClusterSize, '0.5');

  for (const name of Object.keys(EXAMPLE_STAGES)) {
    assert.equal(logLines(run, ` ${name} (`).filter((l) => l.endsWith('started')).length, 1);
    assert.equal(logLines(run, ` ${name} applied`).length, 1, `${name} settles as applied`);
    assert.match(run.summary, new RegExp(name), `the job summary names ${name}`);
  }
});

test('after a spec edit, the second apply updates only the edited stages', async () => {
  world.emulator.clearCalls();
  world.writeSpec(editedSpec(world.exampleSpec()));
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.deepEqual(
    [run.outputs.creates, run.outputs.updates, run.outputs.deletes, run.outputs.unchanged],
    ['0', '2', '0', '1'],
  );

  const writes = writeCalls(world.emulator.calls);
  assert.deepEqual(
    writes.map((call) => `${call.operation} ${call.identifier} ${call.outcome}`).sort(),
    [
      `UpdateResource ${world.identifier('production')} ok`,
      `UpdateResource ${world.identifier('staging')} ok`,
    ],
    'one accepted UpdateResource per edited stage, nothing refused, nothing else written',
  );

  const production = world.readStage('production');
  assert.equal(production?.Description, 'Production stage, second edition');
  assert.equal(methodSetting(production).ThrottlingRateLimit, 75);
  assert.equal(tagValue(production, 'Project'), undefined, 'the removed tag is gone');
  assert.equal(tagValue(production, 'Environment'), 'production');
  const staging = world.readStage('staging');
  assert.equal(tagValue(staging, 'Team'), 'checkout');
  assert.equal(tagValue(staging, MANAGED_BY_TAG_KEY), REPOSITORY);
  const stored = world.emulator.getStoredModel(
    'AWS::ApiGateway::Stage',
    world.identifier('staging'),
  );
  // A manual run names no earlier commit, so nothing proves the dropped field was declared: it
  // is left as AWS has it (apply-removals.test.ts plans the same drop from a push's history).
  assert.equal(methodSetting(stored).ThrottlingBurstLimit, 200, 'the dropped field is left alone');
  assert.equal(methodSetting(stored).ThrottlingRateLimit, 100, 'its sibling field is kept');
  assert.match(run.stdout, /specs of the last apply could not be read/, 'the plan says so');
  assert.doesNotMatch(run.stdout, /AWS differs from the plan/);
});

test('a third apply of the same specs finds nothing to do and writes nothing', async () => {
  world.emulator.clearCalls();
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['has-changes'], 'false');
  assert.equal(run.outputs.unchanged, '3');
  assert.deepEqual(writeCalls(world.emulator.calls), [], 'zero write calls');
  assert.ok(
    world.emulator.calls.some((call) => call.operation === 'GetResource'),
    'the run did read the stages',
  );
  assert.deepEqual(logLines(run, ' started'), []);
});
