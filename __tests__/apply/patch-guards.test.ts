/**
 * An update's patch holds only against the read it was computed from: the entries it addresses
 * by position, and the applied-commit tag, are tested first (src/apply/patch-guards.ts). Against
 * the emulator, which fails a whole patch on a failed `test` as Cloud Control does
 * (docs/reference/cloudcontrol-notes.md §1.8), the apply then re-reads and re-plans: a list entry
 * added between the plan and the write no longer turns the reviewed change onto another entry,
 * and a newer commit applied in between is seen by the older-commit guard.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { patchGuards } from '../../src/apply/patch-guards.ts';
import { createCloudControlPort } from '../../src/aws/cloud-control-client.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import type { Plan } from '../../src/plan/types.ts';

process.env.AWS_ACCESS_KEY_ID = 'AKIDGUARDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'guard-test-secret';

const REPO = 'octo/repo';
const OWNED = { Key: 'stage-sync:managed-by', Value: REPO };
const COMMIT_A = 'a'.repeat(40);

describe('patchGuards', () => {
  it('tests each list entry the patch addresses by position, once, with the value read', () => {
    const read = {
      MethodSettings: [
        { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50 },
        { HttpMethod: 'GET', ResourcePath: '/~1orders', ThrottlingRateLimit: 5 },
      ],
      Tags: [OWNED, { Key: 'stage-sync:commit', Value: COMMIT_A }, { Key: 'Team', Value: 'x' }],
    };
    const guards = patchGuards(
      [
        { op: 'replace', path: '/MethodSettings/0/ThrottlingRateLimit', value: 75 },
        { op: 'replace', path: '/MethodSettings/0/ThrottlingBurstLimit', value: 100 },
        { op: 'replace', path: '/Tags/1/Value', value: 'b'.repeat(40) },
        { op: 'remove', path: '/Tags/2' },
        { op: 'replace', path: '/Description', value: 'new' },
        { op: 'add', path: '/Tags/-', value: { Key: 'New', Value: 'y' } },
      ],
      read,
    );
    assert.deepEqual(guards, [
      { op: 'test', path: '/MethodSettings/0', value: read.MethodSettings[0] },
      { op: 'test', path: '/Tags/1', value: read.Tags[1] },
      { op: 'test', path: '/Tags/2', value: read.Tags[2] },
    ]);
  });

  it('tests the tags as read when they hold no applied-commit tag to test in place', () => {
    const read = { Description: 'old', Tags: [OWNED] };
    assert.deepEqual(patchGuards([{ op: 'replace', path: '/Description', value: 'new' }], read), [
      { op: 'test', path: '/Tags', value: [OWNED] },
    ]);
  });

  it('tests a map of tags (API Gateway V2) by the applied-commit member', () => {
    const read = { Tags: { 'stage-sync:managed-by': REPO, 'stage-sync:commit': COMMIT_A } };
    const guards = patchGuards(
      [{ op: 'add', path: '/Tags/stage-sync:commit', value: 'b'.repeat(40) }],
      read,
    );
    assert.deepEqual(guards, [{ op: 'test', path: '/Tags/stage-sync:commit', value: COMMIT_A }]);
  });

  it('has nothing to test for a patch of whole properties on a stage without tags', () => {
    assert.deepEqual(
      patchGuards([{ op: 'replace', path: '/Description', value: 'new' }], { Description: 'x' }),
      [],
    );
  });
});

describe('against the emulator, an apply moments after its plan', () => {
  const THROTTLE_ALL = { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100 };
  const GET_ORDERS = { HttpMethod: 'GET', ResourcePath: '/~1orders', ThrottlingBurstLimit: 10 };

  async function emulatorWith(t: TestContext, stage: Record<string, unknown>) {
    const emulator = await startEmulator({ knobs: { operationDurationMs: 5 } });
    t.after(() => emulator.close());
    emulator.putRestApi({ RestApiId: 'api1', Name: 'api' });
    emulator.putDeployment('api1', { DeploymentId: 'dep1' });
    emulator.putStage({ RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1', ...stage });
    return emulator;
  }

  function engineFor(emulator: RunningEmulator, spec: string): Engine {
    return createEngine({
      port: createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url }),
      repository: REPO,
      region: 'us-east-1',
      maxConcurrency: 2,
      operationTimeoutMs: 10_000,
      readSpecFiles: async () => [{ path: 'stages/a.yml', text: spec }],
    });
  }

  async function planned(engine: Engine): Promise<Plan> {
    const outcome = await engine.plan({ workspace: '.', patterns: ['stages/*.yml'], prune: false });
    if (outcome.kind !== 'planned') throw new Error(`not planned: ${outcome.kind}`);
    return outcome.plan;
  }

  const liveStage = (emulator: RunningEmulator) =>
    emulator.getReadModel(STAGE_TYPE_NAME, 'api1|prod') as Record<string, unknown>;

  it('a method setting added after the plan read: the reviewed change lands on its own method', async (t) => {
    const emulator = await emulatorWith(t, {
      Tags: [OWNED],
      MethodSettings: [
        { ...THROTTLE_ALL, ThrottlingRateLimit: 50 },
        { ...GET_ORDERS, ThrottlingRateLimit: 5 },
      ],
    });
    const engine = engineFor(
      emulator,
      `defaults: { RestApiId: api1, DeploymentId: dep1 }
stages:
  Prod:
    StageName: prod
    MethodSettings:
      - { HttpMethod: '*', ResourcePath: /*, ThrottlingBurstLimit: 100, ThrottlingRateLimit: 75 }
      - { HttpMethod: GET, ResourcePath: /orders, ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 }
`,
    );
    const plan = await planned(engine);
    assert.equal(plan.counts.update, 1);
    // Another tool adds POST /zzz, which AWS lists first: every position after it shifts.
    emulator.putStage({
      RestApiId: 'api1',
      StageName: 'prod',
      DeploymentId: 'dep1',
      Tags: [OWNED],
      MethodSettings: [
        { HttpMethod: 'POST', ResourcePath: '/~1zzz', ThrottlingRateLimit: 1 },
        { ...THROTTLE_ALL, ThrottlingRateLimit: 50 },
        { ...GET_ORDERS, ThrottlingRateLimit: 5 },
      ],
    });

    const result = await engine.apply(plan, { commitSha: COMMIT_A });

    assert.equal(result.status, 'applied', JSON.stringify(result.outcomes));
    assert.match(result.outcomes[0]?.notes?.join('\n') ?? '', /guards refused it: re-read/);
    const rate = Object.fromEntries(
      (liveStage(emulator)['MethodSettings'] as Record<string, unknown>[]).map((setting) => [
        `${String(setting['HttpMethod'])} ${String(setting['ResourcePath'])}`,
        setting['ThrottlingRateLimit'],
      ]),
    );
    // Re-planned against what AWS has now (README, "How the apply works"): the specs declare
    // the whole list, so the entry they do not declare goes, as the next run would have done.
    assert.deepEqual(rate, { '* /*': 75, 'GET /~1orders': 5 });
  });

  it('a newer commit applied after the plan read: the older one is refused, not written over it', async (t) => {
    const repository = mkdtempSync(join(tmpdir(), 'stage-sync-guards-'));
    t.after(() => rmSync(repository, { recursive: true, force: true }));
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repository, ...args], { encoding: 'utf8' }).trim();
    git('init', '-q', '.');
    for (const message of ['older', 'newer'])
      git(
        '-c',
        'user.email=t@example.com',
        '-c',
        'user.name=t',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        message,
      );
    const [newer, older] = git('log', '--format=%H').split('\n') as [string, string];

    const emulator = await emulatorWith(t, { Description: 'v0', Tags: [OWNED] });
    const spec = (description: string) =>
      `defaults: { RestApiId: api1, DeploymentId: dep1 }\nstages:\n  Prod: { StageName: prod, Description: ${description} }\n`;
    const olderEngine = engineFor(emulator, spec('from the older commit'));
    const newerEngine = engineFor(emulator, spec('from the newer commit'));
    const olderPlan = await planned(olderEngine);
    const newerPlan = await planned(newerEngine);
    const newerResult = await newerEngine.apply(newerPlan, {
      commitSha: newer,
      workspace: repository,
    });
    assert.equal(newerResult.status, 'applied');

    const result = await olderEngine.apply(olderPlan, { commitSha: older, workspace: repository });

    assert.equal(
      result.outcomes[0]?.errorCode,
      'NewerCommitApplied',
      JSON.stringify(result.outcomes),
    );
    assert.equal(liveStage(emulator)['Description'], 'from the newer commit');
  });
});
