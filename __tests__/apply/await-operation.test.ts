import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awaitOperation, type AwaitContext } from '../../src/apply/await-operation.ts';
import { OperationDurations } from '../../src/apply/operation-durations.ts';
import {
  CloudControlError,
  type CloudControlPort,
  type OperationStatus,
  type ProgressEvent,
} from '../../src/aws/cloud-control-port.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import { RETRY_AFTER_CAP_MS } from '../../src/retry/policy.ts';
import { fakeClock, type FakeClock } from './fake-cloud-control.ts';

type Step =
  OperationStatus | { status: OperationStatus; retryAfterMs?: number } | CloudControlError;

/** A port whose GetResourceRequestStatus answers from a script, one step per poll. */
function scriptedPolls(
  clock: FakeClock,
  steps: Step[],
): { port: CloudControlPort; polls: () => number } {
  let polls = 0;
  const unused = async (): Promise<never> => assert.fail('not used while polling');
  const port: CloudControlPort = {
    getResource: unused,
    listResources: unused,
    createResource: unused,
    updateResource: unused,
    deleteResource: unused,
    cancelResourceRequest: unused,
    async getResourceRequestStatus(requestToken) {
      const step = steps[Math.min(polls, steps.length - 1)] as Step;
      polls += 1;
      if (step instanceof CloudControlError) throw step;
      const { status, retryAfterMs } =
        typeof step === 'string' ? { status: step, retryAfterMs: undefined } : step;
      return {
        ...first,
        requestToken,
        status,
        ...(retryAfterMs !== undefined && { retryAfter: new Date(clock.now() + retryAfterMs) }),
        ...(status === 'FAILED' && {
          errorCode: 'InvalidRequest',
          statusMessage: 'Invalid Deployment identifier specified',
        }),
      };
    },
  };
  return { port, polls: () => polls };
}

const first: ProgressEvent = {
  typeName: 'AWS::ApiGateway::Stage',
  identifier: 'abc|prod',
  requestToken: 'req-1',
  operation: 'UPDATE',
  status: 'IN_PROGRESS',
};

function context(
  clock: FakeClock,
  port: CloudControlPort,
  extra: Partial<AwaitContext> = {},
): AwaitContext {
  return {
    port,
    polling: { baseMs: 100, factor: 2, capMs: 400 },
    timeoutMs: 60_000,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.999999,
    signal: undefined,
    ...extra,
  };
}

describe('awaitOperation', () => {
  it('polls with growing, capped delays until the request settles', async () => {
    const clock = fakeClock();
    const { port, polls } = scriptedPolls(clock, [
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'SUCCESS',
    ]);
    const settlement = await awaitOperation(first, context(clock, port));
    assert.equal(settlement.kind, 'settled');
    assert.equal(settlement.event.status, 'SUCCESS');
    assert.equal(polls(), 5);
    assert.deepEqual(clock.sleeps.map(Math.round), [100, 200, 400, 400, 400]);
  });

  it('returns a FAILED event as settled, with its code and message', async () => {
    const clock = fakeClock();
    const { port } = scriptedPolls(clock, ['PENDING', 'FAILED']);
    const settlement = await awaitOperation(first, context(clock, port));
    assert.equal(settlement.kind, 'settled');
    assert.equal(settlement.event.errorCode, 'InvalidRequest');
    assert.equal(settlement.event.statusMessage, 'Invalid Deployment identifier specified');
  });

  it('does not poll a request whose first event has already settled', async () => {
    const clock = fakeClock();
    const { port, polls } = scriptedPolls(clock, ['SUCCESS']);
    const settlement = await awaitOperation({ ...first, status: 'SUCCESS' }, context(clock, port));
    assert.equal(settlement.kind, 'settled');
    assert.equal(polls(), 0);
    assert.deepEqual(clock.sleeps, []);
  });

  it("waits until Cloud Control's RetryAfter instead of its own curve", async () => {
    const clock = fakeClock();
    const { port } = scriptedPolls(clock, [
      { status: 'IN_PROGRESS', retryAfterMs: 7_000 },
      'SUCCESS',
    ]);
    const start = { ...first, retryAfter: new Date(clock.now() + 3_000) };
    await awaitOperation(start, context(clock, port));
    assert.deepEqual(clock.sleeps, [3_000, 7_000]);
  });

  it('waits for the first poll as long as AWS said an operation of its kind takes', async () => {
    const clock = fakeClock();
    const durations = new OperationDurations();
    // The first update: polled on the curve (100 ms), told to come back 2.9 s later.
    const earlier = scriptedPolls(clock, [
      { status: 'IN_PROGRESS', retryAfterMs: 2_900 },
      'SUCCESS',
    ]);
    await awaitOperation(first, context(clock, earlier.port, { durations }));
    assert.deepEqual(clock.sleeps.map(Math.round), [100, 2_900]);
    // The next update of that type is polled once, 3 s after its write answered: the curve's
    // 100 ms, then the rest of what the first was told.
    clock.sleeps.length = 0;
    const next = scriptedPolls(clock, ['SUCCESS']);
    await awaitOperation(
      { ...first, requestToken: 'req-2' },
      context(clock, next.port, { durations }),
    );
    assert.deepEqual(clock.sleeps.map(Math.round), [100, 2_900]);
    assert.equal(next.polls(), 1);
    // A create of the type has not told its time: it starts on the curve.
    clock.sleeps.length = 0;
    const create = scriptedPolls(clock, ['SUCCESS']);
    await awaitOperation(
      { ...first, requestToken: 'req-3', operation: 'CREATE' },
      context(clock, create.port, { durations }),
    );
    assert.deepEqual(clock.sleeps.map(Math.round), [100]);
  });

  it('waits out the rest when another operation is told its time during the first wait', async () => {
    const clock = fakeClock();
    const durations = new OperationDurations();
    const startedAt = clock.now();
    const { port, polls } = scriptedPolls(clock, ['SUCCESS']);
    // While this update waits on the curve (1 s), another update of the type hears "3 s".
    const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
      if (clock.sleeps.length === 0) {
        durations.expects(
          { ...first, requestToken: 'other' },
          startedAt,
          new Date(startedAt + 3_000),
        );
      }
      await clock.sleep(ms, signal);
    };
    await awaitOperation(
      first,
      context(clock, port, {
        durations,
        sleep,
        polling: { baseMs: 1_000, factor: 2, capMs: 4_000 },
      }),
    );
    assert.deepEqual(clock.sleeps.map(Math.round), [1_000, 2_000]);
    assert.equal(polls(), 1);
  });

  it('keeps polling through throttled polls', async () => {
    const clock = fakeClock();
    const throttled = new CloudControlError('ThrottlingException', 'Rate exceeded');
    const { port, polls } = scriptedPolls(clock, [throttled, throttled, 'SUCCESS']);
    const settlement = await awaitOperation(first, context(clock, port));
    assert.equal(settlement.kind, 'settled');
    assert.equal(polls(), 3);
  });

  it('gives up on a request Cloud Control does not know', async () => {
    const clock = fakeClock();
    const unknown = new CloudControlError(
      'RequestTokenNotFoundException',
      'Request token not found',
    );
    const { port } = scriptedPolls(clock, [unknown]);
    const settlement = await awaitOperation(first, context(clock, port));
    assert.equal(settlement.kind, 'poll-failed');
    assert.ok(settlement.kind === 'poll-failed' && settlement.error === unknown);
  });

  it('times out at the deadline, having slept no longer than it in total', async () => {
    const clock = fakeClock();
    const { port, polls } = scriptedPolls(clock, ['IN_PROGRESS']);
    const start = clock.now();
    const settlement = await awaitOperation(first, context(clock, port, { timeoutMs: 5_000 }));
    assert.equal(settlement.kind, 'timed-out');
    assert.equal(settlement.event.status, 'IN_PROGRESS');
    assert.equal(clock.now() - start, 5_000);
    assert.ok(clock.sleeps.every((ms) => ms > 0 && ms <= 400));
    // 100 + 200 + 400 × 11 + a last 300 to reach the deadline exactly.
    assert.equal(polls(), 14);
  });

  it('stops when the run is aborted, reporting the last event', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const { port } = scriptedPolls(clock, ['IN_PROGRESS']);
    let sleeps = 0;
    const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
      sleeps += 1;
      if (sleeps === 3) controller.abort();
      await clock.sleep(ms, signal);
    };
    const settlement = await awaitOperation(
      first,
      context(clock, port, { signal: controller.signal, sleep }),
    );
    assert.equal(settlement.kind, 'interrupted');
    assert.equal(settlement.event.requestToken, 'req-1');
    assert.equal(sleeps, 3);
  });

  it('keeps polling through polls whose connection failed (the adapter names them NetworkError)', async () => {
    const clock = fakeClock();
    const reset = new CloudControlError(
      TRANSPORT_ERROR,
      'GetResourceRequestStatus: socket hang up',
    );
    const { port, polls } = scriptedPolls(clock, [reset, reset, reset, reset, 'SUCCESS']);
    const settlement = await awaitOperation(first, context(clock, port));
    assert.equal(settlement.kind, 'settled');
    assert.equal(polls(), 5);
  });

  it('abandons a poll that never answers at the deadline, and aborts its call', async () => {
    const clock = fakeClock();
    const signals: AbortSignal[] = [];
    const { port } = scriptedPolls(clock, ['IN_PROGRESS']);
    const hung: CloudControlPort = {
      ...port,
      getResourceRequestStatus: (_token, options) =>
        new Promise((_resolve, reject) => {
          const signal = options?.signal;
          assert.ok(signal, 'the poll is given a signal');
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    };
    const start = clock.now();
    const settlement = await awaitOperation(first, context(clock, hung, { timeoutMs: 5_000 }));
    assert.equal(settlement.kind, 'timed-out');
    assert.equal(clock.now() - start, 5_000, 'the deadline, not later');
    assert.equal(signals.length, 1, 'one poll, abandoned');
    assert.equal(signals[0]?.aborted, true);
  });

  it('stops a poll that never answers when the run is aborted', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const { port } = scriptedPolls(clock, ['IN_PROGRESS']);
    const hung: CloudControlPort = {
      ...port,
      getResourceRequestStatus: (_token, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          setImmediate(() => controller.abort());
        }),
    };
    // The deadline sleep ends early on abort, as the apply's sleeps do.
    const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => {
        signal?.addEventListener('abort', () => resolve(), { once: true });
        if (ms < 60_000) void clock.sleep(ms).then(resolve);
      });
    };
    const settlement = await awaitOperation(
      first,
      context(clock, hung, { signal: controller.signal, sleep, timeoutMs: 3_600_000 }),
    );
    assert.equal(settlement.kind, 'interrupted');
  });

  it('waits no longer than the cap for a RetryAfter far ahead, and says AWS asked for longer', async () => {
    const clock = fakeClock();
    const notes: string[] = [];
    const { port } = scriptedPolls(clock, ['SUCCESS']);
    const start = { ...first, retryAfter: new Date(clock.now() + 86_400_000) };
    await awaitOperation(start, context(clock, port, { onNote: (note) => notes.push(note) }));
    assert.deepEqual(clock.sleeps, [RETRY_AFTER_CAP_MS]);
    assert.deepEqual(notes, [
      `AWS asked to wait 86400 s before the next status poll; waiting ${RETRY_AFTER_CAP_MS / 1000} s (stage-sync's cap on RetryAfter)`,
    ]);
  });

  it('polls on its own curve when the first event has no RetryAfter (fact 1)', async () => {
    const clock = fakeClock();
    const { port } = scriptedPolls(clock, ['SUCCESS']);
    await awaitOperation(first, context(clock, port));
    assert.deepEqual(clock.sleeps.map(Math.round), [100]);
  });
});
