import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PacedRetryToken } from '../../src/retry/paced-retry-strategy.ts';
import { PacedRetryStrategy, type RetryErrorFacts } from '../../src/retry/paced-retry-strategy.ts';
import { RequestPacer } from '../../src/retry/request-pacer.ts';

function setup(maxAttempts = 10) {
  const clock = {
    time: 1_000_000,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  const pacer = new RequestPacer(clock);
  const strategy = new PacedRetryStrategy({
    pacer,
    maxAttempts,
    now: clock.now,
    sleep: clock.sleep,
    // The top of every jitter range, so the backoff ceilings are visible.
    random: () => 0.999_999,
  });
  return { clock, pacer, strategy };
}

/** Retries `error` until the strategy refuses; returns the sleeps between attempts. */
async function retryUntilRefused(
  strategy: PacedRetryStrategy,
  error: RetryErrorFacts,
): Promise<{ attempts: number; refused: boolean }> {
  let token = await strategy.acquireInitialRetryToken('');
  let attempts = 1;
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, error);
      attempts += 1;
      assert.equal(token.getRetryCount(), attempts - 1);
      assert.equal(token.getRetryDelay(), 0, 'the strategy waits itself');
    } catch {
      return { attempts, refused: true };
    }
    if (attempts > 50) return { attempts, refused: false };
  }
}

describe('PacedRetryStrategy', () => {
  it('retries throttling up to maxAttempts with a short, doubling backoff', async () => {
    const { clock, strategy } = setup(5);
    const { attempts } = await retryUntilRefused(strategy, { errorType: 'THROTTLING' });
    assert.equal(attempts, 5);
    assert.deepEqual(clock.sleeps, [19, 39, 79, 159]);
  });

  it('retries transient and server errors at most 3 times in all, on the SDK standard backoff', async () => {
    for (const errorType of ['TRANSIENT', 'SERVER_ERROR'] as const) {
      const { clock, strategy } = setup(10);
      const { attempts } = await retryUntilRefused(strategy, { errorType });
      assert.equal(attempts, 3, errorType);
      assert.deepEqual(clock.sleeps, [99, 199], errorType);
    }
  });

  it('never retries client errors', async () => {
    const { clock, strategy } = setup();
    const { attempts } = await retryUntilRefused(strategy, { errorType: 'CLIENT_ERROR' });
    assert.equal(attempts, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('waits at least until a Retry-After hint', async () => {
    const { clock, strategy } = setup();
    const token = await strategy.acquireInitialRetryToken('');
    await strategy.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(clock.time + 3_000),
    });
    assert.deepEqual(clock.sleeps, [3_000]);
  });

  it('feeds every answer to the pacer, which slows the class once throttling dominates', async () => {
    const { pacer, strategy } = setup();
    const tokens: PacedRetryToken[] = [];
    for (let i = 0; i < 30; i++) tokens.push(await strategy.acquireInitialRetryToken(''));
    // Of the first 20 answers, 5 succeed (one a ResourceNotFound, a client error) and 15 are throttled.
    for (const token of tokens.slice(0, 4)) strategy.recordSuccess(token);
    await strategy
      .refreshRetryTokenForRetry(tokens[4] as PacedRetryToken, { errorType: 'CLIENT_ERROR' })
      .catch(() => undefined);
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
    const retries = tokens
      .slice(5, 20)
      .map((token) => strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' }));
    await Promise.all(retries);
    assert.ok(Number.isFinite(pacer.limit), 'a mostly throttled round sets a limit');
  });
});
