import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationWindow } from '../../src/retry/operation-window.ts';
import { OPERATION_WINDOW } from '../../src/retry/policy.ts';

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('OperationWindow', () => {
  it('starts open at its initial width and lets stages in, in order, as others finish', async () => {
    const window = new OperationWindow({ initial: 2 });
    const first = await window.acquire();
    await window.acquire();
    const third = window.acquire();
    const fourth = window.acquire();
    assert.equal(await settled(third), false, 'two under way fill a window of two');
    window.release();
    assert.equal(await settled(third), true);
    assert.equal(await settled(fourth), false);
    assert.equal(first.startNumber, 1);
    assert.equal((await third).startNumber, 3);
  });

  it('halves on congestion, once per window of stages, and never below its floor', async () => {
    const window = new OperationWindow({ initial: 40 });
    const early = await window.acquire();
    const alsoEarly = await window.acquire();
    window.congested(early);
    assert.equal(window.limit, 20);
    // A stage let in before that cut adds nothing: the overload has been answered.
    window.congested(alsoEarly);
    assert.equal(window.limit, 20);
    const later = await window.acquire();
    window.congested(later);
    assert.equal(window.limit, 10);
    for (let i = 0; i < 3; i++) window.release();
    for (let i = 0; i < 10; i++) {
      window.congested(await window.acquire());
      window.release();
    }
    assert.equal(window.limit, OPERATION_WINDOW.min);
  });

  it('widens by one per success up to its ceiling, and lets waiting stages in as it does', async () => {
    const window = new OperationWindow({ initial: 1, max: 3 });
    await window.acquire();
    const waiting = window.acquire();
    assert.equal(await settled(waiting), false);
    window.succeeded();
    assert.equal(window.limit, 2);
    assert.equal(await settled(waiting), true, 'the wider window admits the next stage');
    for (let i = 0; i < 5; i++) window.succeeded();
    assert.equal(window.limit, 3);
  });

  it('a fixed window never moves', async () => {
    const window = OperationWindow.fixed(3);
    window.congested(await window.acquire());
    window.succeeded();
    assert.equal(window.limit, 3);
  });

  it('starts as wide as the policy allows: the write pacer already paces what starts', () => {
    assert.equal(new OperationWindow().limit, OPERATION_WINDOW.initial);
    assert.ok(OPERATION_WINDOW.initial <= OPERATION_WINDOW.max);
  });
});
