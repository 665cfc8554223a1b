import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPlan,
  type ApplyOptions,
  type ApplyProgressEvent,
} from '../../src/apply/apply-plan.ts';
import type { StageOutcome } from '../../src/apply/result.ts';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { STAGE_TYPE_NAME, type DesiredStage, type StageProperties } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { diffStage } from '../../src/plan/compare.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import type { DeleteChange, Plan, StageChange } from '../../src/plan/types.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';

const REPO = 'acme/api';
const COMMIT = '4f2c9a1e0b7d6c5a4f2c9a1e0b7d6c5a4f2c9a1e';
const API = 'api1234';

const id = (stage: string): string => `${API}|${stage}`;

function desired(stage: string, extra: Record<string, unknown> = {}): DesiredStage {
  return {
    name: `Stage_${stage}`,
    identifier: id(stage),
    properties: { RestApiId: API, StageName: stage, DeploymentId: 'dep0001', ...extra },
    source: { file: 'stages.yml', line: 1, column: 1 },
  };
}

/** What AWS holds for a stage stage-sync wrote from `spec`. */
const written = (
  spec: DesiredStage,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  ...withOwnershipTag(spec.properties, REPO),
  ...extra,
});

function deleteOf(identifier: string, before: StageProperties): DeleteChange {
  return {
    name: identifier,
    type: 'AWS::ApiGateway::Stage',
    identifier,
    action: 'delete',
    diffs: diffStage({}, before),
    before,
  };
}

/** The caller's planner: what plan.ts would say about one stage given what is live now. */
async function planFromLive(
  fake: FakeCloudControl,
  specs: readonly DesiredStage[],
  identifier: string,
) {
  const live = await fake.getResource(STAGE_TYPE_NAME, identifier);
  const spec = specs.find((s) => s.identifier === identifier);
  if (spec) return planStageChange(spec, live, REPO);
  return live ? deleteOf(identifier, live.properties) : undefined;
}

function planOf(changes: StageChange[]): Plan {
  const count = (action: StageChange['action']): number =>
    changes.filter((c) => c.action === action).length;
  return {
    target: 'test',
    repository: REPO,
    changes,
    counts: {
      create: count('create'),
      update: count('update'),
      delete: count('delete'),
      noOp: count('no-op'),
    },
    prune: { enabled: true, skippedUnmanaged: [], skippedForeign: [] },
    previousSpecs: { status: 'unavailable', reason: 'not part of these tests' },
    hash: 'sha256:test',
  };
}

/** A fake Cloud Control, the specs it is planned from, and options wired to both. */
function setup(specs: DesiredStage[] = []) {
  const fake = new FakeCloudControl(fakeClock());
  const replanned: string[] = [];
  const progress: ApplyProgressEvent[] = [];
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    maxConcurrency: 4,
    operationTimeoutMs: 60_000,
    commitSha: COMMIT,
    repository: REPO,
    replan: async (identifier) => {
      replanned.push(identifier);
      return planFromLive(fake, specs, identifier);
    },
    sleep: fake.clock.sleep,
    now: fake.clock.now,
    random: () => 0.5,
    onProgress: (event) => progress.push(event),
    polling: { baseMs: 100, factor: 1.5, capMs: 1_000 },
    retryBackoff: { baseMs: 200, factor: 2, capMs: 2_000 },
    ...extra,
  });
  /** The plan for `specs` against what the fake holds now. */
  const plan = async (...extra: StageChange[]): Promise<Plan> => {
    const changes: StageChange[] = [...extra];
    for (const spec of specs) {
      changes.push(
        planStageChange(spec, await fake.getResource(STAGE_TYPE_NAME, spec.identifier), REPO),
      );
    }
    fake.calls.length = 0;
    return planOf(changes);
  };
  return { fake, options, plan, replanned, progress };
}

const byStage = (outcomes: readonly StageOutcome[], stage: string): StageOutcome => {
  const outcome = outcomes.find((o) => o.identifier === id(stage));
  assert.ok(outcome, `no outcome for ${stage}`);
  return outcome;
};

const statuses = (outcomes: readonly StageOutcome[]): Record<string, string> =>
  Object.fromEntries(outcomes.map((o) => [o.identifier.split('|')[1], o.status]));

describe('applyPlan: executing the plan', () => {
  it('creates with the full desired state, updates with the patch, deletes planned prunes, and leaves no-ops alone', async () => {
    const specs = [desired('alpha'), desired('beta', { Description: 'new' }), desired('delta')];
    const { fake, options, plan } = setup(specs);
    fake.put(id('beta'), written(desired('beta', { Description: 'old' })));
    fake.put(id('delta'), written(desired('delta')));
    fake.put(id('gamma'), written(desired('gamma')));
    const thePlan = await plan(deleteOf(id('gamma'), written(desired('gamma'))));
    assert.deepEqual(
      thePlan.changes.map((c) => c.action),
      ['delete', 'create', 'update', 'no-op'],
    );

    const result = await applyPlan(thePlan, fake, options());

    assert.equal(result.status, 'applied');
    assert.deepEqual(statuses(result.outcomes), {
      gamma: 'applied',
      alpha: 'applied',
      beta: 'applied',
      delta: 'unchanged',
    });
    // Each write also records the commit it applies (src/apply/applied-commit-tag.ts).
    const commitTag = { Key: 'stage-sync:commit', Value: COMMIT };
    const create = fake.calls.find((c) => c.method === 'createResource');
    const planned = (thePlan.changes[1] as Extract<StageChange, { action: 'create' }>).after;
    assert.deepEqual(create?.desiredState, {
      ...planned,
      Tags: [...(planned.Tags as unknown[]), commitTag],
    });
    const update = fake.calls.find((c) => c.method === 'updateResource');
    const planUpdate = thePlan.changes[2] as Extract<StageChange, { action: 'update' }>;
    assert.deepEqual(update?.patch, [
      // The read had no applied-commit tag: its tags as read must still hold (patch-guards.ts).
      { op: 'test', path: '/Tags', value: planUpdate.before.Tags },
      ...planUpdate.patch,
      { op: 'add', path: '/Tags/-', value: commitTag },
    ]);
    assert.deepEqual(
      fake.calls.filter((c) => c.method === 'deleteResource').map((c) => c.identifier),
      [id('gamma')],
    );
    assert.equal(
      fake.calls.filter((c) => c.identifier === id('delta')).length,
      0,
      'a no-op makes no call at all',
    );

    assert.equal(fake.stages.has(id('gamma')), false);
    assert.equal(fake.stages.get(id('beta'))?.Description, 'new');
    assert.ok(fake.stages.has(id('alpha')));
    for (const outcome of result.outcomes) {
      assert.equal(outcome.drift, undefined, `${outcome.identifier} re-read as planned`);
      if (outcome.status === 'applied') assert.match(outcome.requestToken ?? '', /^req-/);
    }
  });

  it('reports progress: a start and a settle line per write, one settle line per no-op', async () => {
    const specs = [desired('alpha'), desired('beta', { Description: 'new' }), desired('delta')];
    const { fake, options, plan, progress } = setup(specs);
    fake.put(id('beta'), written(desired('beta')));
    fake.put(id('delta'), written(desired('delta')));
    const result = await applyPlan(await plan(), fake, options());

    const lines = progress.map((e) =>
      e.type === 'settled'
        ? `settled ${e.outcome.identifier} ${e.outcome.status}`
        : `${e.type} ${e.identifier}`,
    );
    for (const stage of ['alpha', 'beta']) {
      const started = lines.indexOf(`started ${id(stage)}`);
      assert.ok(
        started >= 0 && started < lines.indexOf(`settled ${id(stage)} applied`),
        lines.join('\n'),
      );
    }
    assert.ok(lines.includes(`settled ${id('delta')} unchanged`));
    assert.ok(!lines.includes(`started ${id('delta')}`));
    assert.equal(progress.filter((e) => e.type === 'settled').length, result.outcomes.length);
    const elapsed = progress.map((e) => e.elapsedMs);
    assert.deepEqual(
      elapsed,
      [...elapsed].sort((a, b) => a - b),
      'elapsed time never goes backwards',
    );
    assert.ok((elapsed.at(-1) ?? 0) > 0);
  });

  it('keeps at most maxConcurrency writes in flight, and does use them', async () => {
    const specs = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((s) => desired(s));
    const { fake, options, plan } = setup(specs);
    const result = await applyPlan(await plan(), fake, options({ maxConcurrency: 3 }));
    assert.equal(result.status, 'applied');
    assert.equal(fake.maxInFlight, 3);
    assert.equal(fake.executed.length, 7);
  });

  it("polls at Cloud Control's RetryAfter when the events carry one", async () => {
    const { fake, options, plan } = setup([desired('alpha')]);
    fake.retryAfterMs = 2_500;
    const thePlan = await plan();
    fake.clock.sleeps.length = 0;
    const result = await applyPlan(thePlan, fake, options());
    assert.equal(result.status, 'applied');
    assert.deepEqual(fake.clock.sleeps, [2_500]);
  });

  it('ignores a progress callback that throws', async () => {
    const { fake, options, plan } = setup([desired('alpha')]);
    const result = await applyPlan(
      await plan(),
      fake,
      options({ onProgress: () => assert.fail('logger broke') }),
    );
    assert.equal(result.status, 'applied');
  });
});

describe('applyPlan: failures and timeouts', () => {
  it("reports a failure with AWS's code and message verbatim, and still applies the other stages", async () => {
    const specs = [desired('alpha'), desired('beta')];
    const { fake, options, plan } = setup(specs);
    const message =
      'Invalid Deployment identifier specified (Service: ApiGateway, Status Code: 400, Request ID: 5b1c)';
    fake.script(id('alpha'), 'CREATE', {
      kind: 'fail',
      errorCode: 'InvalidRequest',
      statusMessage: message,
    });
    const result = await applyPlan(await plan(), fake, options());
    assert.equal(result.status, 'failed');
    const alpha = byStage(result.outcomes, 'alpha');
    assert.deepEqual(
      [alpha.status, alpha.errorCode, alpha.statusMessage],
      ['failed', 'InvalidRequest', message],
    );
    assert.match(alpha.requestToken ?? '', /^req-/);
    assert.equal(byStage(result.outcomes, 'beta').status, 'applied');
    assert.equal(fake.count('createResource'), 2, 'a non-retryable failure is not retried');
  });

  it('reports a synchronous rejection with the exception name and message', async () => {
    const { fake, options, plan } = setup([desired('alpha')]);
    fake.script(id('alpha'), 'CREATE', {
      kind: 'throw',
      code: 'ValidationException',
      message: 'Model validation failed (#/TracingEnabled: expected type: Boolean, found: String)',
    });
    const result = await applyPlan(await plan(), fake, options());
    const alpha = byStage(result.outcomes, 'alpha');
    assert.equal(alpha.errorCode, 'ValidationException');
    assert.equal(
      alpha.statusMessage,
      'Model validation failed (#/TracingEnabled: expected type: Boolean, found: String)',
    );
    assert.equal(alpha.requestToken, undefined);
  });

  it('gives up on an operation at the timeout, cancels it and reports its request token', async () => {
    const specs = [desired('alpha'), desired('beta')];
    const { fake, options, plan } = setup(specs);
    fake.script(id('alpha'), 'CREATE', { kind: 'hang' });
    const thePlan = await plan();
    fake.clock.sleeps.length = 0;
    const result = await applyPlan(
      thePlan,
      fake,
      options({ operationTimeoutMs: 10_000, maxConcurrency: 1 }),
    );

    const alpha = byStage(result.outcomes, 'alpha');
    assert.equal(alpha.status, 'failed');
    assert.equal(alpha.errorCode, 'Timeout');
    assert.match(
      alpha.statusMessage ?? '',
      /within 10 s \(last status IN_PROGRESS\); cancel requested \(CANCEL_IN_PROGRESS\)/,
    );
    const cancels = fake.calls.filter((c) => c.method === 'cancelResourceRequest');
    assert.deepEqual(
      cancels.map((c) => c.requestToken),
      [alpha.requestToken],
    );
    assert.equal(byStage(result.outcomes, 'beta').status, 'applied');
    assert.ok(
      fake.clock.sleeps.every((ms) => ms > 0 && ms <= 1_000),
      'polls are spaced and capped',
    );
    assert.ok(fake.count('getResourceRequestStatus') < 30, 'no hot polling loop');
  });
});

describe('applyPlan: recovery', () => {
  it('retries retryable handler failures with a fresh client token per attempt', async () => {
    const { fake, options, plan, progress } = setup([desired('alpha')]);
    fake.script(
      id('alpha'),
      'CREATE',
      { kind: 'fail', errorCode: 'Throttling', statusMessage: 'Rate exceeded' },
      { kind: 'fail', errorCode: 'NetworkFailure' },
    );
    const result = await applyPlan(await plan(), fake, options());
    const alpha = byStage(result.outcomes, 'alpha');
    assert.equal(alpha.status, 'applied');
    const tokens = fake.clientTokens('createResource');
    assert.equal(tokens.length, 3);
    assert.deepEqual(
      tokens.map((t) => t.split('-').slice(0, 3).join('-')),
      ['ss-create-1', 'ss-create-2', 'ss-create-3'],
    );
    assert.equal(new Set(tokens).size, 3);
    assert.ok(alpha.notes?.some((n) => n.startsWith('retryable handler failure')));
    assert.equal(progress.filter((e) => e.type === 'recovering').length, 2);
  });

  it('stops retrying after maxAttempts and reports the last failure verbatim', async () => {
    const { fake, options, plan } = setup([desired('alpha')]);
    const fail = {
      kind: 'fail',
      errorCode: 'ServiceInternalError',
      statusMessage: 'Internal error',
    } as const;
    fake.script(id('alpha'), 'CREATE', fail, fail, fail, fail);
    const result = await applyPlan(await plan(), fake, options({ limits: { maxAttempts: 3 } }));
    const alpha = byStage(result.outcomes, 'alpha');
    assert.deepEqual(
      [alpha.status, alpha.errorCode, alpha.statusMessage],
      ['failed', 'ServiceInternalError', 'Internal error'],
    );
    assert.equal(fake.count('createResource'), 3);
    assert.ok(alpha.notes?.includes('gave up after 3 attempts'));
  });

  it('resends a throttled request with the same client token, a bounded number of times', async () => {
    const throttle = {
      kind: 'throw',
      code: 'ThrottlingException',
      message: 'Rate exceeded',
    } as const;
    const ok = setup([desired('alpha')]);
    ok.fake.script(id('alpha'), 'CREATE', throttle, throttle);
    const applied = await applyPlan(await ok.plan(), ok.fake, ok.options());
    assert.equal(byStage(applied.outcomes, 'alpha').status, 'applied');
    assert.equal(new Set(ok.fake.clientTokens('createResource')).size, 1);
    assert.equal(ok.fake.count('createResource'), 3);

    const busy = setup([desired('alpha')]);
    busy.fake.script(id('alpha'), 'CREATE', throttle, throttle, throttle, throttle);
    const failed = await applyPlan(
      await busy.plan(),
      busy.fake,
      busy.options({ limits: { maxSyncRetries: 3 } }),
    );
    const alpha = byStage(failed.outcomes, 'alpha');
    assert.deepEqual(
      [alpha.status, alpha.errorCode, alpha.statusMessage],
      ['failed', 'ThrottlingException', 'Rate exceeded'],
    );
    assert.equal(busy.fake.count('createResource'), 4);
  });

  it('waits for an operation already in progress on the stage, then re-plans from what it left', async () => {
    const spec = desired('beta', { Description: 'new' });
    const { fake, options, plan, replanned } = setup([spec]);
    fake.put(id('beta'), written(desired('beta', { Description: 'old' })));
    const thePlan = await plan();
    // Someone else's update is running and will add a stage variable when it finishes.
    fake.startForeign(id('beta'), 3_000, () => {
      fake.put(id('beta'), { ...fake.stages.get(id('beta')), Variables: { added: 'elsewhere' } });
    });
    const result = await applyPlan(thePlan, fake, options());

    const beta = byStage(result.outcomes, 'beta');
    assert.equal(beta.status, 'applied');
    assert.ok(replanned.length >= 1);
    assert.ok(beta.notes?.some((n) => n.startsWith('another operation was in progress')));
    assert.ok(fake.count('updateResource') >= 2, 'the first update was refused');
    assert.deepEqual(
      diffStage(written(spec), fake.stages.get(id('beta')) ?? {}),
      [],
      'converged on the spec',
    );
    assert.equal(beta.drift, undefined);
  });

  it('gives up waiting for a busy stage after the operation timeout', async () => {
    const { fake, options, plan } = setup([desired('beta', { Description: 'new' })]);
    fake.put(id('beta'), written(desired('beta')));
    const thePlan = await plan();
    fake.startForeign(id('beta'), 3_600_000);
    const result = await applyPlan(thePlan, fake, options({ operationTimeoutMs: 20_000 }));
    const beta = byStage(result.outcomes, 'beta');
    assert.deepEqual([beta.status, beta.errorCode], ['failed', 'ConcurrentOperationException']);
  });

  it('continues as an update after AlreadyExists on a create', async () => {
    const spec = desired('alpha', { Description: 'wanted' });
    const { fake, options, plan } = setup([spec]);
    const thePlan = await plan();
    // An earlier, killed run created the stage after this plan was made.
    fake.put(id('alpha'), written(desired('alpha', { Description: 'half-done' })));
    const result = await applyPlan(thePlan, fake, options());
    const alpha = byStage(result.outcomes, 'alpha');
    assert.equal(alpha.status, 'applied');
    assert.equal(alpha.action, 'create');
    assert.ok(alpha.notes?.some((n) => n.startsWith('AlreadyExists')));
    assert.ok(alpha.notes?.includes('re-planned as update'));
    assert.equal(fake.count('updateResource'), 1);
    assert.equal(fake.stages.get(id('alpha'))?.Description, 'wanted');
  });

  it('reports unchanged when the stage that already exists is already as planned', async () => {
    const spec = desired('alpha');
    const { fake, options, plan } = setup([spec]);
    const thePlan = await plan();
    fake.put(id('alpha'), written(spec));
    const result = await applyPlan(thePlan, fake, options());
    assert.equal(byStage(result.outcomes, 'alpha').status, 'unchanged');
    assert.equal(fake.count('updateResource'), 0);
    assert.equal(result.status, 'applied');
  });

  it('treats NotFound on a delete as already done', async () => {
    const gone = written(desired('gamma'));
    const { fake, options, plan } = setup();
    const thePlan = await plan(deleteOf(id('gamma'), gone));
    const result = await applyPlan(thePlan, fake, options({ recheckBeforeWrite: false }));
    const gamma = byStage(result.outcomes, 'gamma');
    assert.equal(gamma.status, 'applied');
    assert.ok(gamma.notes?.includes('NotFound on delete: the stage was already gone'));
    assert.equal(fake.count('deleteResource'), 1);

    // With the re-check before writing, the missing stage is noticed without a delete call.
    const again = setup();
    const rechecked = await applyPlan(
      await again.plan(deleteOf(id('gamma'), gone)),
      again.fake,
      again.options(),
    );
    assert.equal(byStage(rechecked.outcomes, 'gamma').status, 'applied');
    assert.equal(again.fake.count('deleteResource'), 0);
  });

  it('re-plans a stage that changed in AWS between plan and apply, so the write starts from what is live', async () => {
    const spec = desired('beta', { Description: 'new' });
    const { fake, options, plan, replanned } = setup([spec]);
    fake.put(id('beta'), written(desired('beta', { Description: 'old' })));
    const thePlan = await plan();
    fake.put(
      id('beta'),
      written(desired('beta', { Description: 'old', Variables: { sneaky: 'yes' } })),
    );
    const result = await applyPlan(thePlan, fake, options());
    const beta = byStage(result.outcomes, 'beta');
    assert.equal(beta.status, 'applied');
    assert.deepEqual(replanned, [id('beta')]);
    assert.ok(
      beta.notes?.includes('the stage changed in AWS after the plan: re-read and re-planned it'),
    );
    assert.equal(beta.drift, undefined);
    assert.equal(fake.stages.get(id('beta'))?.Variables, undefined);
  });

  it('without the re-check, applies the reviewed patch and reports what still differs as drift', async () => {
    const spec = desired('beta', { Description: 'new' });
    const { fake, options, plan } = setup([spec]);
    fake.put(id('beta'), written(desired('beta', { Description: 'old' })));
    const thePlan = await plan();
    fake.put(
      id('beta'),
      written(desired('beta', { Description: 'old', Variables: { sneaky: 'yes' } })),
    );
    const result = await applyPlan(thePlan, fake, options({ recheckBeforeWrite: false }));
    const beta = byStage(result.outcomes, 'beta');
    assert.equal(beta.status, 'applied');
    assert.deepEqual(
      beta.drift?.map((d) => [d.path, d.kind]),
      [['Variables.sneaky', 'removed']],
    );
    assert.equal(result.status, 'applied', 'drift is reported, the stage still counts as applied');
  });

  it('reports drift when AWS accepts a write but stores something else', async () => {
    const { fake, options, plan } = setup([desired('alpha', { Description: 'as written' })]);
    fake.script(id('alpha'), 'CREATE', {
      kind: 'succeed',
      mutate: (p) => ({ ...p, Description: 'as AWS keeps it' }),
    });
    const result = await applyPlan(await plan(), fake, options());
    const alpha = byStage(result.outcomes, 'alpha');
    assert.equal(alpha.status, 'applied');
    assert.deepEqual(alpha.drift, [
      {
        path: 'Description',
        kind: 'changed',
        before: 'as AWS keeps it',
        after: 'as written',
      },
    ]);
  });

  it('refuses a re-plan that would delete a stage the reviewed plan did not delete', async () => {
    const { fake, options, plan } = setup([desired('beta', { Description: 'new' })]);
    fake.put(id('beta'), written(desired('beta')));
    const thePlan = await plan();
    fake.put(id('beta'), { ...written(desired('beta')), Description: 'changed' });
    const result = await applyPlan(
      thePlan,
      fake,
      options({ replan: async (identifier) => deleteOf(identifier, written(desired('beta'))) }),
    );
    const beta = byStage(result.outcomes, 'beta');
    assert.deepEqual([beta.status, beta.errorCode], ['failed', 'ReplanRejected']);
    assert.equal(fake.count('deleteResource'), 0);
  });

  it('refuses to take over, after AlreadyExists, a stage another repository made meanwhile', async () => {
    const spec = desired('alpha', { Description: 'wanted' });
    const { fake, options, plan } = setup([spec]);
    const thePlan = await plan();
    fake.put(id('alpha'), {
      ...desired('alpha', { Description: 'theirs' }).properties,
      Tags: [{ Key: 'stage-sync:managed-by', Value: 'other/repo' }],
    });
    const result = await applyPlan(thePlan, fake, options());
    const alpha = byStage(result.outcomes, 'alpha');
    assert.deepEqual([alpha.status, alpha.errorCode], ['failed', 'ReplanRejected']);
    assert.match(
      alpha.statusMessage ?? '',
      /managed by other\/repo; taking it over was not in the reviewed plan/,
    );
    assert.equal(fake.count('updateResource'), 0);
    assert.equal(fake.stages.get(id('alpha'))?.Description, 'theirs');
  });

  it('does not call a planned prune deleted when the stage is still there but another repository’s', async () => {
    const { fake, options, plan } = setup([]);
    fake.put(id('gamma'), written(desired('gamma')));
    const thePlan = await plan(deleteOf(id('gamma'), written(desired('gamma'))));
    // Busy when asked, so the apply re-plans; meanwhile another repository took the stage over.
    fake.script(id('gamma'), 'DELETE', { kind: 'throw', code: 'ConcurrentOperationException' });
    const result = await applyPlan(
      thePlan,
      fake,
      options({ replan: async () => ({ notOurs: 'other/repo' }) }),
    );
    const gamma = byStage(result.outcomes, 'gamma');
    assert.deepEqual([gamma.status, gamma.errorCode], ['failed', 'ReplanRejected']);
    assert.match(gamma.statusMessage ?? '', /managed by other\/repo; it was not deleted/);
    assert.ok(fake.stages.has(id('gamma')));
  });
});

describe('applyPlan: interruption and re-runs', () => {
  it('on abort, starts nothing new, cancels what is in flight and records its request tokens', async () => {
    const specs = ['s1', 's2', 's3', 's4', 's5'].map((s) => desired(s));
    const { fake, options, plan } = setup(specs);
    const thePlan = await plan();
    const controller = new AbortController();
    fake.onCall = (call) => {
      if (call.method === 'createResource' && call.identifier === id('s2')) controller.abort();
    };
    const result = await applyPlan(
      thePlan,
      fake,
      options({ maxConcurrency: 2, signal: controller.signal }),
    );

    assert.equal(result.status, 'interrupted');
    assert.deepEqual(statuses(result.outcomes), {
      s1: 'in-flight',
      s2: 'in-flight',
      s3: 'not-started',
      s4: 'not-started',
      s5: 'not-started',
    });
    const cancelled = fake.calls
      .filter((c) => c.method === 'cancelResourceRequest')
      .map((c) => c.requestToken);
    const inFlight = result.outcomes.filter((o) => o.status === 'in-flight');
    assert.deepEqual(cancelled.sort(), inFlight.map((o) => o.requestToken).sort());
    assert.ok(inFlight.every((o) => o.notes?.includes('cancel requested (CANCEL_IN_PROGRESS)')));
    assert.equal(fake.count('createResource'), 2);
  });

  it('converges when the same commit is re-run after a kill: cancelled requests are redone once', async () => {
    const specs = ['s1', 's2', 's3'].map((s) => desired(s));
    const { fake, options, plan } = setup(specs);
    const controller = new AbortController();
    fake.onCall = (call) => {
      if (call.method === 'createResource' && call.identifier === id('s2')) controller.abort();
    };
    const first = await applyPlan(
      await plan(),
      fake,
      options({ signal: controller.signal, maxConcurrency: 2 }),
    );
    assert.equal(first.status, 'interrupted');
    const firstTokens = fake.clientTokens('createResource');

    fake.onCall = undefined;
    const second = await applyPlan(await plan(), fake, options({ maxConcurrency: 2 }));
    assert.equal(second.status, 'applied');
    assert.deepEqual(statuses(second.outcomes), { s1: 'applied', s2: 'applied', s3: 'applied' });
    const secondTokens = fake.clientTokens('createResource');
    assert.deepEqual(secondTokens.slice(0, 2), firstTokens, 'the re-run derives the same tokens');
    assert.deepEqual(
      fake.executed.map((e) => e.identifier).sort(),
      [id('s1'), id('s2'), id('s3')],
      'each stage created exactly once',
    );
  });

  it('converges when the killed run could not cancel: the same token picks up the running request', async () => {
    const specs = ['s1', 's2'].map((s) => desired(s));
    const { fake, options, plan } = setup(specs);
    const controller = new AbortController();
    fake.onCall = (call) => {
      if (call.method === 'createResource' && call.identifier === id('s2')) controller.abort();
    };
    fake.cancelResourceRequest = async () => {
      throw new CloudControlError(
        'ConcurrentModificationException',
        'The resource is being modified',
      );
    };
    const thePlan = await plan();
    const first = await applyPlan(thePlan, fake, options({ signal: controller.signal }));
    assert.deepEqual(statuses(first.outcomes), { s1: 'in-flight', s2: 'in-flight' });
    assert.ok(
      first.outcomes.every((o) =>
        o.notes?.some((n) => n.startsWith('cancel failed (ConcurrentModificationException')),
      ),
    );

    // The re-run starts before the old requests finish: the plan it was given still says create.
    fake.onCall = undefined;
    const second = await applyPlan(thePlan, fake, options());
    assert.equal(second.status, 'applied');
    assert.equal(fake.executed.length, 2, 'no stage was created twice');
    assert.deepEqual(
      second.outcomes.map((o) => o.requestToken),
      first.outcomes.map((o) => o.requestToken),
      'the re-run followed the original requests',
    );
  });

  it("retries, rather than replays, an earlier run's failure returned for the same client token", async () => {
    for (const wait of [0, 3_600_000]) {
      const { fake, options, plan } = setup([desired('alpha')]);
      fake.script(id('alpha'), 'CREATE', {
        kind: 'fail',
        errorCode: 'InvalidRequest',
        statusMessage: 'Invalid Deployment identifier specified',
      });
      const thePlan = await plan();
      const first = await applyPlan(thePlan, fake, options());
      assert.equal(byStage(first.outcomes, 'alpha').errorCode, 'InvalidRequest');

      // Re-run once the deployment was fixed, straight away ("Re-run failed jobs") or an hour
      // later: Cloud Control answers the same token with the old FAILED request, already settled,
      // which says nothing about now.
      await fake.clock.sleep(wait);
      const rerun = await applyPlan(thePlan, fake, options());
      const alpha = byStage(rerun.outcomes, 'alpha');
      assert.equal(alpha.status, 'applied', `re-run after ${wait} ms`);
      assert.ok(
        alpha.notes?.some((n) =>
          n.startsWith('Cloud Control returned the FAILED result of an earlier run'),
        ),
      );
      assert.equal(fake.executed.length, 1);
    }
  });

  it('reports not-started for a stage waiting on a busy stage when the run is stopped', async () => {
    const { fake, options, plan } = setup([desired('beta', { Description: 'new' })]);
    fake.put(id('beta'), written(desired('beta')));
    const thePlan = await plan();
    fake.startForeign(id('beta'), 3_600_000);
    const controller = new AbortController();
    fake.onCall = (call) => {
      if (call.method === 'updateResource') controller.abort();
    };
    const result = await applyPlan(thePlan, fake, options({ signal: controller.signal }));
    assert.equal(result.status, 'interrupted');
    assert.equal(byStage(result.outcomes, 'beta').status, 'not-started');
  });
});
