/**
 * One stage's execution where AWS behaves as recorded (docs/reference/aws-recorded-behaviour.md):
 * a cancel that comes too late is refused with "already in status", a cancel undoes nothing,
 * SUCCESS events carry no model, a stage can be missing for a moment after its create; and where
 * the network fails: a write whose connection failed is resent with its client token.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPlan,
  type ApplyOptions,
  type ApplyProgressEvent,
} from '../../src/apply/apply-plan.ts';
import type { StageOutcome } from '../../src/apply/result.ts';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { STAGE_TYPE_NAME, type DesiredStage } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import type { Plan, StageChange } from '../../src/plan/types.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import { FRESH_READ_MS, READ_AFTER_CREATE, RETRY_AFTER_CAP_MS } from '../../src/retry/policy.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';
import { IDENTIFIER, REPO, prodStage } from './prod-stage.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

function planOf(change: StageChange): Plan {
  return {
    target: 'test',
    repository: REPO,
    previousSpecs: { status: 'unavailable', reason: 'not needed here' },
    changes: [change],
    counts: {
      create: change.action === 'create' ? 1 : 0,
      update: change.action === 'update' ? 1 : 0,
      delete: change.action === 'delete' ? 1 : 0,
      noOp: change.action === 'no-op' ? 1 : 0,
    },
    prune: { enabled: false, skippedUnmanaged: [], skippedForeign: [] },
    hash: 'sha256:test',
  };
}

/** A fake holding the stage as `live` (absent: no stage), the plan to reach `desired`, options. */
async function setup(desired: DesiredStage, live?: DesiredStage) {
  const fake = new FakeCloudControl(fakeClock());
  if (live) fake.put(IDENTIFIER, withOwnershipTag(live.properties, REPO));
  const current = await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER);
  const plan = planOf(planStageChange(desired, current, REPO));
  fake.calls.length = 0;
  const progress: ApplyProgressEvent[] = [];
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    maxConcurrency: 1,
    operationTimeoutMs: 10_000,
    commitSha: COMMIT,
    repository: REPO,
    replan: async () =>
      planStageChange(desired, await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER), REPO),
    sleep: fake.clock.sleep,
    now: fake.clock.now,
    random: () => 0.5,
    onProgress: (event) => progress.push(event),
    polling: { baseMs: 100, factor: 1.5, capMs: 1_000 },
    retryBackoff: { baseMs: 200, factor: 2, capMs: 2_000 },
    ...extra,
  });
  const run = async (extra: Partial<ApplyOptions> = {}): Promise<StageOutcome> => {
    const result = await applyPlan(plan, fake, options(extra));
    assert.equal(result.outcomes.length, 1);
    return result.outcomes[0] as StageOutcome;
  };
  return { fake, run, progress, written: withOwnershipTag(desired.properties, REPO) };
}

describe('executeStage: after a cancel, only a fresh read says what AWS has', () => {
  it('treats a cancel refused with "already in status SUCCESS" as finished, and re-reads the stage', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', { kind: 'succeed', durationMs: 100_000 });
    fake.cancelResourceRequest = async (token) => {
      // AWS finished the write just before the cancel reached it (fact 10).
      await fake.clock.sleep(100_000);
      await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER);
      throw new CloudControlError(
        'ValidationException',
        `Request ${token} is already in status SUCCESS`,
      );
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    assert.equal(outcome.drift, undefined);
    assert.ok(
      outcome.notes?.includes('finished (SUCCESS) before it could be cancelled'),
      String(outcome.notes),
    );
    assert.equal(fake.stages.get(IDENTIFIER)?.Description, 'new');
  });

  it('treats "already in status FAILED" as finished, and reports the failure AWS recorded', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', {
      kind: 'fail',
      errorCode: 'InvalidRequest',
      statusMessage: 'Invalid Deployment identifier specified',
      durationMs: 100_000,
    });
    fake.cancelResourceRequest = async (token) => {
      await fake.clock.sleep(100_000);
      throw new CloudControlError(
        'ValidationException',
        `Request ${token} is already in status FAILED`,
      );
    };
    const outcome = await run();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorCode, 'InvalidRequest');
    assert.equal(outcome.statusMessage, 'Invalid Deployment identifier specified');
  });

  it('reports a timed-out write as applied when the stage reads as planned after the cancel (a cancel is no rollback)', async () => {
    const { fake, run, written } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', { kind: 'hang' });
    const cancel = fake.cancelResourceRequest.bind(fake);
    fake.cancelResourceRequest = async (token) => {
      const event = await cancel(token);
      // The handler had already written the change when the cancel stopped it (fact 11).
      fake.put(IDENTIFIER, written);
      return event;
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    assert.ok(
      outcome.notes?.some((note) =>
        /cancelled after 10 s, yet the stage reads as planned/.test(note),
      ),
      String(outcome.notes),
    );
  });

  it('never claims a cancelled write changed nothing: it says how the stage reads', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', { kind: 'hang' });
    const cancel = fake.cancelResourceRequest.bind(fake);
    fake.cancelResourceRequest = async (token) => {
      const event = await cancel(token);
      fake.put(IDENTIFIER, { ...(fake.stages.get(IDENTIFIER) ?? {}), Description: 'halfway' });
      return event;
    };
    const outcome = await run();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorCode, 'Timeout');
    assert.match(
      outcome.statusMessage ?? '',
      /cancel requested \(CANCEL_IN_PROGRESS\); the stage reads differently from the plan in Description, as read after the cancel\./,
    );
  });

  it('says when the stage reads as it did before a cancelled write', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', { kind: 'hang' });
    const outcome = await run();
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.statusMessage ?? '', /the stage reads as it did before the write\.$/);
  });

  it('on a stopped run, reads the stage after cancelling and keeps it in flight unless it reads as planned', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    fake.script(IDENTIFIER, 'UPDATE', { kind: 'hang' });
    const stop = new AbortController();
    fake.onCall = (call) => {
      if (call.method === 'getResourceRequestStatus') stop.abort();
    };
    const outcome = await run({ signal: stop.signal });
    assert.equal(outcome.status, 'in-flight');
    assert.ok(
      outcome.notes?.includes('the stage reads as it did before the write'),
      String(outcome.notes),
    );
    assert.equal(fake.calls.at(-1)?.method, 'getResource', 'the last call is the fresh read');
  });
});

describe('executeStage: reading back after a write', () => {
  it('re-reads after a SUCCESS that carries no model (fact 3)', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    const outcome = await run({ recheckBeforeWrite: false });
    assert.equal(outcome.status, 'applied');
    const methods = fake.calls.map((call) => call.method);
    assert.equal(methods.at(-1), 'getResource');
    assert.ok(methods.indexOf('updateResource') < methods.lastIndexOf('getResource'));
  });

  it('reads a created stage again, briefly, while GetResource still says NotFound (fact 33), instead of warning of drift', async () => {
    const { fake, run } = await setup(prodStage('new'));
    const read = fake.getResource.bind(fake);
    let misses = 2;
    fake.getResource = async (typeName, identifier) => {
      const found = await read(typeName, identifier);
      if (found && misses > 0) {
        misses -= 1;
        return undefined;
      }
      return found;
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    assert.equal(outcome.drift, undefined);
    assert.equal(outcome.notes, undefined);
    assert.equal(fake.count('getResource'), 3);
  });

  it('gives up on the read-back after READ_AFTER_CREATE.retries more reads, and says so', async () => {
    const { fake, run } = await setup(prodStage('new'));
    const read = fake.getResource.bind(fake);
    fake.getResource = async (typeName, identifier) => {
      await read(typeName, identifier);
      return undefined;
    };
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    assert.ok(outcome.notes?.includes('the stage was not found when re-read after the write'));
    assert.equal(fake.count('getResource'), 1 + READ_AFTER_CREATE.retries);
  });
});

describe('executeStage: network faults and long waits', () => {
  it('resends a write whose connection failed, with the same client token', async () => {
    const { fake, run, progress } = await setup(prodStage('new'), prodStage('old'));
    const reset = {
      kind: 'throw',
      code: TRANSPORT_ERROR,
      message: 'UpdateResource: socket hang up',
    } as const;
    fake.script(IDENTIFIER, 'UPDATE', reset, reset);
    const outcome = await run();
    assert.equal(outcome.status, 'applied');
    const tokens = fake.clientTokens('updateResource');
    assert.equal(tokens.length, 3);
    assert.equal(new Set(tokens).size, 1);
    assert.ok(
      progress.some(
        (event) => event.type === 'recovering' && /sent the same request again/.test(event.note),
      ),
    );
  });

  it('caps a RetryAfter a day ahead and says in the progress log that AWS asked for longer', async () => {
    const { fake, run, progress } = await setup(prodStage('new'), prodStage('old'));
    fake.retryAfterMs = 86_400_000;
    const outcome = await run({ operationTimeoutMs: 600_000 });
    assert.equal(outcome.status, 'applied');
    assert.ok(fake.clock.sleeps.every((ms) => ms <= RETRY_AFTER_CAP_MS));
    assert.ok(
      progress.some(
        (event) =>
          event.type === 'recovering' &&
          /^AWS asked to wait 86400 s before the next status poll; waiting 30 s/.test(event.note),
      ),
    );
  });

  it('skips the re-read before writing when the plan read the stage in this run moments ago', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    const outcome = await run({ planReadAt: fake.clock.now() - 1_000 });
    assert.equal(outcome.status, 'applied');
    assert.deepEqual(
      fake.calls.map((call) => call.method).slice(0, 1),
      ['updateResource'],
      'the write is the first call',
    );
  });

  it('re-reads before writing when the plan read is older than freshReadMs', async () => {
    const { fake, run } = await setup(prodStage('new'), prodStage('old'));
    const outcome = await run({ planReadAt: fake.clock.now() - FRESH_READ_MS - 1 });
    assert.equal(outcome.status, 'applied');
    assert.deepEqual(fake.calls.map((call) => call.method).slice(0, 2), [
      'getResource',
      'updateResource',
    ]);
  });
});

describe('applyPlan: operations apart from call slots', () => {
  /** Three creates against one fake; `extra` picks how slots are used. */
  async function threeCreates(extra: Partial<ApplyOptions>) {
    const fake = new FakeCloudControl(fakeClock());
    const changes = ['a', 'b', 'c'].map((stage) =>
      planStageChange(
        {
          ...prodStage(stage),
          identifier: `api1234|${stage}`,
          properties: { ...prodStage(stage).properties, StageName: stage },
        },
        undefined,
        REPO,
      ),
    );
    const plan = {
      ...planOf(changes[0] as StageChange),
      changes,
      counts: { create: 3, update: 0, delete: 0, noOp: 0 },
    };
    const result = await applyPlan(plan, fake, {
      maxConcurrency: 1,
      operationTimeoutMs: 60_000,
      commitSha: COMMIT,
      repository: REPO,
      replan: async () => undefined,
      sleep: fake.clock.sleep,
      now: fake.clock.now,
      random: () => 0.5,
      ...extra,
    });
    return { fake, result };
  }

  it('by default a stage holds its call slot through its operation', async () => {
    const { fake, result } = await threeCreates({});
    assert.equal(result.status, 'applied');
    assert.equal(fake.maxInFlight, 1);
  });

  it('with maxOperationsInFlight, operations AWS is carrying out hold no call slot', async () => {
    const { fake, result } = await threeCreates({ maxOperationsInFlight: 3 });
    assert.equal(result.status, 'applied');
    assert.equal(fake.maxInFlight, 3, 'three operations in flight on one call slot');
    assert.equal(fake.executed.length, 3);
  });
});
