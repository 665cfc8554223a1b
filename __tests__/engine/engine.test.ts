import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { Plan } from '../../src/plan/types.ts';
import { FakeCloudControl, fakeClock } from '../apply/fake-cloud-control.ts';
import { memoryPort } from '../support/memory-port.ts';

const SPEC = `defaults:
  RestApiId: api1
  DeploymentId: d1
stages:
  Prod:
    StageName: prod
    Description: new text
  Dev:
    StageName: dev
`;

const OWNED = [{ Key: 'stage-sync:managed-by', Value: 'octo/repo' }];

import { MAX_PROBLEMS_PER_FILE } from '../../src/desired/limits.ts';
const REQUEST = (prune: boolean) => ({ workspace: '.', patterns: ['stages/*.yml'], prune });

/** An engine over `port` whose one spec file, `stages/a.yml`, holds `text`. */
function engineOver(port: CloudControlPort, repository: string, text: string) {
  return createEngine({
    port,
    repository,
    region: 'us-east-1',
    maxConcurrency: 2,
    operationTimeoutMs: 1_000,
    readSpecFiles: async () => [{ path: 'stages/a.yml', text }],
  });
}

/** Plans SPEC for octo/repo against `port` and insists that it planned. */
async function plannedFrom(port: CloudControlPort, prune: boolean): Promise<Plan> {
  const outcome = await engineOver(port, 'octo/repo', SPEC).plan(REQUEST(prune));
  assert.equal(outcome.kind, 'planned');
  if (outcome.kind !== 'planned') throw new Error('not planned');
  return outcome.plan;
}

test('plans creates and updates from specs and live state', async () => {
  const port = memoryPort({
    stages: {
      'api1|prod': {
        RestApiId: 'api1',
        StageName: 'prod',
        DeploymentId: 'd1',
        Description: 'old text',
        Tags: OWNED,
        TracingEnabled: false,
        CacheClusterEnabled: false,
      },
    },
  });
  const plan = await plannedFrom(port, false);
  const byName = Object.fromEntries(plan.changes.map((change) => [change.name, change]));
  assert.equal(byName.Dev?.action, 'create');
  assert.equal(byName.Prod?.action, 'update');
  assert.deepEqual(
    byName.Prod?.diffs.map((d) => [d.path, d.kind, d.before, d.after]),
    [['Description', 'changed', 'old text', 'new text']],
  );
  assert.deepEqual(plan.counts, { create: 1, update: 1, delete: 0, noOp: 0 });
});

test('with prune, deletes only undeclared stages this repository manages', async () => {
  const port = memoryPort({
    stages: {
      'api1|prod': {
        RestApiId: 'api1',
        StageName: 'prod',
        DeploymentId: 'd1',
        Description: 'new text',
        Tags: OWNED,
      },
      'api1|dev': { RestApiId: 'api1', StageName: 'dev', DeploymentId: 'd1', Tags: OWNED },
      'api1|ours-old': {
        RestApiId: 'api1',
        StageName: 'ours-old',
        DeploymentId: 'd1',
        Tags: OWNED,
      },
      'api1|by-hand': { RestApiId: 'api1', StageName: 'by-hand', DeploymentId: 'd1' },
      'api1|theirs': {
        RestApiId: 'api1',
        StageName: 'theirs',
        DeploymentId: 'd1',
        Tags: [{ Key: 'stage-sync:managed-by', Value: 'other/repo' }],
      },
    },
  });
  const plan = await plannedFrom(port, true);
  assert.deepEqual(
    plan.changes.filter((c) => c.action === 'delete').map((c) => c.identifier),
    ['api1|ours-old'],
  );
  assert.deepEqual(plan.prune.skippedUnmanaged, ['api1|by-hand']);
  assert.deepEqual(plan.prune.skippedForeign, ['api1|theirs']);
});

test('invalid specs return their problems and make no call', async () => {
  const calls: string[] = [];
  const outcome = await engineOver(
    memoryPort({ stages: {} }, calls),
    'o/r',
    'stages:\n  X:\n    StageName: p\n',
  ).plan(REQUEST(true));
  assert.equal(outcome.kind, 'invalid-specs');
  assert.deepEqual(calls, []);
});

test('a plan deleting more managed stages than maxDeletes is planned but blocked, and apply refuses it', async () => {
  const port = memoryPort({
    stages: {
      'api1|prod': { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'd1', Tags: OWNED },
      'api1|old1': { RestApiId: 'api1', StageName: 'old1', DeploymentId: 'd1', Tags: OWNED },
      'api1|old2': { RestApiId: 'api1', StageName: 'old2', DeploymentId: 'd1', Tags: OWNED },
    },
  });
  const engine = createEngine({
    port,
    repository: 'octo/repo',
    region: 'us-east-1',
    maxConcurrency: 2,
    operationTimeoutMs: 1_000,
    maxDeletes: 1,
    readSpecFiles: async () => [{ path: 'stages/a.yml', text: SPEC }],
  });
  const outcome = await engine.plan(REQUEST(true));
  assert.equal(outcome.kind, 'planned');
  if (outcome.kind !== 'planned') return;
  assert.equal(outcome.plan.counts.delete, 2);
  assert.equal(outcome.blocked?.reason, 'too-many-deletes');
  assert.match(
    outcome.blocked?.message ?? '',
    /deletes 2 managed stage\(s\) and max-deletes allows 1/,
  );
  assert.throws(() => engine.apply(outcome.plan, { commitSha: 'c' }), /Refusing to apply/);
});

test('specs that declare no stage never prune, and say why', async () => {
  const calls: string[] = [];
  const port = memoryPort(
    { stages: { 'api1|prod': { RestApiId: 'api1', StageName: 'prod', Tags: OWNED } } },
    calls,
  );
  const outcome = await engineOver(port, 'octo/repo', 'stages: {}\n').plan(REQUEST(true));
  assert.equal(outcome.kind, 'planned');
  if (outcome.kind !== 'planned') return;
  assert.equal(outcome.plan.counts.delete, 0);
  assert.equal(outcome.plan.prune.enabled, false);
  assert.match(outcome.warnings.join('\n'), /declare no stage, so nothing is deleted/);
  assert.deepEqual(calls, [], 'not even a listing');
});

test('an engine without a repository to tag stages with cannot be built', () => {
  for (const repository of ['', 'name-only', 'a/b/c'])
    assert.throws(
      () => engineOver(memoryPort({ stages: {} }), repository, SPEC),
      /needs the repository as owner\/repo/,
    );
});

const IGNORED_SPEC = `defaults:
  rest-api: payments-api
stages:
  Live:
    StageName: live
    ignore-changes: [DeploymentId]
`;

test('a name resolves through the RestApi listing; a create without the ignored DeploymentId is an invalid spec', async () => {
  const port = (stages: Record<string, Record<string, unknown>>) =>
    memoryPort({ stages, restApis: ['api9'], restApiNames: { api9: 'payments-api' } });
  const missing = await engineOver(port({}), 'octo/repo', IGNORED_SPEC).plan(REQUEST(false));
  assert.equal(missing.kind, 'invalid-specs');
  if (missing.kind === 'invalid-specs') {
    assert.equal(missing.problems.length, 1);
    assert.equal(missing.problems[0]?.line, 4);
    assert.match(
      missing.problems[0]?.message ?? '',
      /api9\|live does not exist yet, and creating it needs DeploymentId/,
    );
  }
  const existing = port({
    'api9|live': { RestApiId: 'api9', StageName: 'live', DeploymentId: 'd7', Tags: OWNED },
  });
  const outcome = await engineOver(existing, 'octo/repo', IGNORED_SPEC).plan(REQUEST(false));
  assert.equal(outcome.kind, 'planned');
  if (outcome.kind !== 'planned') return;
  const [change] = outcome.plan.changes;
  assert.equal(change?.identifier, 'api9|live');
  assert.equal(change?.action, 'no-op');
  if (change?.action === 'no-op') {
    assert.equal(change.apiName, 'payments-api');
    assert.deepEqual(change.leftToOtherTools, [{ path: 'DeploymentId', value: 'd7' }]);
  }
});

test('problems found after loading are capped per file as the loader caps its own', async () => {
  const stages = Array.from(
    { length: MAX_PROBLEMS_PER_FILE + 5 },
    (_, i) => `  S${i}:\n    rest-api: nowhere-${i}\n    StageName: s${i}\n    DeploymentId: d1\n`,
  ).join('');
  const port = memoryPort({
    stages: {},
    restApis: ['api9'],
    restApiNames: { api9: 'payments-api' },
  });
  const outcome = await engineOver(port, 'octo/repo', `stages:\n${stages}`).plan(REQUEST(false));
  assert.equal(outcome.kind, 'invalid-specs');
  if (outcome.kind !== 'invalid-specs') return;
  assert.equal(outcome.problemCount, MAX_PROBLEMS_PER_FILE + 5);
  assert.equal(outcome.problems.length, MAX_PROBLEMS_PER_FILE + 1);
  assert.match(outcome.problems.at(-1)?.message ?? '', /^5 more problems in this file, not shown/);
});

test('a plan that resolves names and prunes lists the REST APIs once for both', async () => {
  const calls: string[] = [];
  const port = memoryPort(
    {
      stages: {
        'api9|live': { RestApiId: 'api9', StageName: 'live', DeploymentId: 'd7', Tags: OWNED },
      },
      restApis: ['api9'],
      restApiNames: { api9: 'payments-api' },
    },
    calls,
  );
  const outcome = await engineOver(port, 'octo/repo', IGNORED_SPEC).plan(REQUEST(true));
  assert.equal(outcome.kind, 'planned');
  assert.deepEqual(
    calls.filter((call) => call === 'ListResources AWS::ApiGateway::RestApi'),
    ['ListResources AWS::ApiGateway::RestApi'],
  );
  assert.ok(
    calls.includes('ListResources AWS::ApiGateway::Stage {"RestApiId":"api9"}'),
    "prune still lists the API's stages",
  );
});

test('applying a plan it made moments ago, the engine writes without re-reading first; a plan made elsewhere is re-read', async () => {
  const clock = fakeClock();
  const port = new FakeCloudControl(clock);
  port.put('api1|prod', {
    RestApiId: 'api1',
    StageName: 'prod',
    DeploymentId: 'd1',
    Description: 'old text',
    Tags: OWNED,
  });
  port.put('api1|dev', { RestApiId: 'api1', StageName: 'dev', DeploymentId: 'd1', Tags: OWNED });
  const engineOfRun = () =>
    createEngine({
      port,
      repository: 'octo/repo',
      region: 'us-east-1',
      maxConcurrency: 2,
      operationTimeoutMs: 60_000,
      readSpecFiles: async () => [{ path: 'stages/a.yml', text: SPEC }],
      now: clock.now,
      sleep: clock.sleep,
    });
  /** Reads of the updated stage from the plan until its write, and whether it was written. */
  const readsBeforeWrite = () => {
    const calls = port.calls.filter((c) => c.identifier === 'api1|prod');
    const write = calls.findIndex((c) => c.method === 'updateResource');
    return calls.slice(0, write).filter((c) => c.method === 'getResource').length;
  };

  const engine = engineOfRun();
  const outcome = await engine.plan(REQUEST(false));
  assert.equal(outcome.kind, 'planned');
  if (outcome.kind !== 'planned') return;
  assert.equal(outcome.plan.counts.update, 1);
  port.calls.length = 0;
  const applied = await engine.apply(outcome.plan, { commitSha: 'c1' });
  assert.equal(applied.status, 'applied');
  assert.equal(readsBeforeWrite(), 0, 'the plan read the stage in this run moments ago');

  // Another run applies a plan it did not make (as one read from elsewhere would be).
  port.put('api1|prod', { ...(port.stages.get('api1|prod') ?? {}), Description: 'old again' });
  const replanned = await engineOfRun().plan(REQUEST(false));
  if (replanned.kind !== 'planned') throw new Error('not planned');
  port.calls.length = 0;
  const elsewhere = await engineOfRun().apply(replanned.plan, { commitSha: 'c2' });
  assert.equal(elsewhere.status, 'applied');
  assert.equal(readsBeforeWrite(), 1, 're-read before writing: its read is not this run’s');
});
