import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RequestStore, type HandlerOutcome } from '../../../emulator/requests/request-store.ts';
import { progressEvent } from '../../../emulator/requests/progress-event.ts';

const clock = 1_000_000;
let tokens = 0;
const stores: RequestStore[] = [];
function store(now: () => number = () => clock): RequestStore {
  const created = new RequestStore(now, () => `token-${(tokens += 1)}`);
  stores.push(created);
  return created;
}

/** A store whose clock the test moves; starts one update of `durationMs`. */
function updateOnMovingClock(durationMs: number) {
  const time = { now: 1_000_000 };
  const requests = store(() => time.now);
  const request = requests.start({
    typeName: 'T::T::T',
    identifier: 'api|prod',
    operation: 'UPDATE',
    fingerprint: 'f',
    durationMs,
    work: success,
  });
  return { time, requests, request };
}
afterEach(() => {
  for (const created of stores.splice(0)) created.close();
});

const NEVER = Number.POSITIVE_INFINITY;
const success: () => HandlerOutcome = () => ({
  status: 'SUCCESS',
  identifier: 'api|prod',
  resourceModel: { A: 1 },
});

describe('RequestStore', () => {
  it('starts IN_PROGRESS and runs the handler only when the request finishes', () => {
    const requests = store();
    let ran = 0;
    const request = requests.start({
      typeName: 'T::T::T',
      identifier: 'api|prod',
      operation: 'CREATE',
      fingerprint: 'f',
      durationMs: NEVER,
      work: () => {
        ran += 1;
        return success();
      },
    });
    assert.equal(request.status, 'IN_PROGRESS');
    assert.equal(
      request.retryAfter,
      undefined,
      'no expected end for an operation that waits for completeAll',
    );
    assert.equal(ran, 0);
    assert.equal(requests.inFlight('T::T::T', 'api|prod'), request);
    requests.completeAll();
    assert.equal(ran, 1);
    assert.equal(request.status, 'SUCCESS');
    assert.deepEqual(request.resourceModel, { A: 1 });
    assert.ok(request.eventTime > clock - 1, 'EventTime moves on even when the clock did not');
    assert.equal(requests.inFlight('T::T::T', 'api|prod'), undefined);
  });

  it('is finished once its duration has passed, before its timer fires', () => {
    const { time, requests, request } = updateOnMovingClock(60_000);
    assert.equal(request.retryAfter, time.now + 60_000);
    time.now += 59_999;
    assert.equal(requests.get(request.requestToken)?.status, 'IN_PROGRESS');
    // A poll right at RetryAfter sees what RetryAfter promised, though no timer has fired.
    time.now += 1;
    assert.equal(requests.get(request.requestToken)?.status, 'SUCCESS');
    assert.equal(requests.inFlight('T::T::T', 'api|prod'), undefined);
  });

  it('keeps a held request running past its duration, until released', () => {
    const { time, requests, request } = updateOnMovingClock(1_000);
    const hold = requests.hold({ match: { requestToken: request.requestToken } });
    time.now += 5_000;
    assert.equal(requests.get(request.requestToken)?.status, 'IN_PROGRESS');
    hold.release();
    assert.equal(requests.get(request.requestToken)?.status, 'SUCCESS');
  });

  it('finishes on its own after the duration', async () => {
    const requests = store();
    const request = requests.start({
      typeName: 'T::T::T',
      operation: 'DELETE',
      identifier: 'x',
      fingerprint: 'f',
      durationMs: 1,
      work: success,
    });
    assert.equal(request.retryAfter, clock + 1);
    for (let i = 0; i < 1000 && request.status === 'IN_PROGRESS'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(request.status, 'SUCCESS');
  });

  it('records FAILED outcomes, and turns a throwing handler into InternalFailure', () => {
    const requests = store();
    const failed = requests.start({
      typeName: 'T::T::T',
      operation: 'CREATE',
      fingerprint: 'f',
      durationMs: NEVER,
      work: () => ({
        status: 'FAILED',
        errorCode: 'AlreadyExists',
        statusMessage: 'exists',
        identifier: 'late|id',
      }),
    });
    const crashed = requests.start({
      typeName: 'T::T::T',
      operation: 'CREATE',
      fingerprint: 'g',
      durationMs: NEVER,
      work: () => {
        throw new Error('bug');
      },
    });
    requests.completeAll();
    assert.deepEqual(
      [failed.status, failed.errorCode, failed.statusMessage, failed.identifier],
      ['FAILED', 'AlreadyExists', 'exists', 'late|id'],
    );
    assert.deepEqual([crashed.status, crashed.errorCode], ['FAILED', 'InternalFailure']);
  });

  it('cancels only unfinished requests, which then end CANCEL_COMPLETE without running', () => {
    const requests = store();
    let ran = false;
    const request = requests.start({
      typeName: 'T::T::T',
      operation: 'UPDATE',
      identifier: 'i',
      fingerprint: 'f',
      durationMs: NEVER,
      work: () => {
        ran = true;
        return success();
      },
    });
    requests.cancel(request);
    assert.equal(request.status, 'CANCEL_IN_PROGRESS');
    requests.completeAll();
    assert.equal(request.status, 'CANCEL_COMPLETE');
    assert.equal(ran, false);
    requests.cancel(request);
    assert.equal(request.status, 'CANCEL_COMPLETE');
  });

  it('indexes requests by client token', () => {
    const requests = store();
    const request = requests.start({
      typeName: 'T::T::T',
      operation: 'CREATE',
      clientToken: 'ct',
      fingerprint: 'f',
      durationMs: NEVER,
      work: success,
    });
    assert.equal(requests.byClientToken('ct'), request);
    assert.equal(requests.byClientToken('other'), undefined);
  });

  it('lists newest first with filters and stable pages', () => {
    const requests = store();
    const made = ['CREATE', 'UPDATE', 'CREATE', 'DELETE', 'CREATE'].map((operation, i) =>
      requests.start({
        typeName: 'T::T::T',
        operation: operation as 'CREATE',
        identifier: `r${i}`,
        fingerprint: `${i}`,
        durationMs: NEVER,
        work: success,
      }),
    );
    const creates = requests.list({ operations: ['CREATE'] }, 2);
    assert.deepEqual(
      creates.requests.map((r) => r.identifier),
      ['r4', 'r2'],
    );
    const rest = requests.list({ operations: ['CREATE'] }, 2, creates.next);
    assert.deepEqual(
      rest.requests.map((r) => r.identifier),
      ['r0'],
    );
    assert.equal(rest.next, undefined);
    requests.cancel(made[1] as (typeof made)[number]);
    assert.deepEqual(
      requests
        .list({ statuses: ['CANCEL_IN_PROGRESS', 'SUCCESS'] }, 10)
        .requests.map((r) => r.identifier),
      ['r1'],
    );
  });
});

describe('progressEvent', () => {
  it('puts timestamps in epoch seconds and the model as a JSON string', () => {
    const requests = store();
    const request = requests.start({
      typeName: 'T::T::T',
      identifier: 'api|prod',
      operation: 'CREATE',
      fingerprint: 'f',
      durationMs: 2500,
      work: success,
    });
    assert.deepEqual(progressEvent(request), {
      TypeName: 'T::T::T',
      Identifier: 'api|prod',
      RequestToken: request.requestToken,
      Operation: 'CREATE',
      OperationStatus: 'IN_PROGRESS',
      EventTime: clock / 1000,
      RetryAfter: (clock + 2500) / 1000,
    });
    requests.completeAll();
    assert.equal(progressEvent(request).ResourceModel, '{"A":1}');
  });

  it('puts RetryAfter retryAfterMs after the start when asked, however soon the request ends', () => {
    const requests = store();
    const day = 24 * 60 * 60 * 1000;
    const request = requests.start({
      typeName: 'T::T::T',
      identifier: 'api|prod',
      operation: 'UPDATE',
      fingerprint: 'f',
      durationMs: 100,
      retryAfterMs: day,
      work: success,
    });
    assert.equal(progressEvent(request).RetryAfter, (clock + day) / 1000);
    requests.completeAll();
    assert.equal(progressEvent(request).RetryAfter, undefined, 'a finished request has none');
  });
});
