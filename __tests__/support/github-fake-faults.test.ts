import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { installationToken, startGitHubFake, type GitHubFake } from './github-fake.ts';

/** Raw HTTP, so these check the wire format the client will meet. */
async function call(
  fake: GitHubFake,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(new URL(path, fake.url), {
    method,
    headers: { authorization: 'token bot-token', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

const COMMENTS = '/repos/Codertocat/Hello-World/issues/2/comments';

describe('GitHub fake: injected faults', () => {
  let fake: GitHubFake;
  before(async () => {
    fake = await startGitHubFake({
      tokens: { 'bot-token': installationToken() },
      pullRequests: [2],
    });
  });
  after(() => fake.close());

  it('answers 500 and 502 the given number of times, then does the work', async () => {
    fake.addFaults(
      { method: 'GET', path: COMMENTS, answer: 'server-error' },
      { method: 'GET', path: COMMENTS, answer: 'bad-gateway' },
    );
    assert.equal(fake.faultsRemaining, 2);
    const first = await call(fake, 'GET', COMMENTS);
    assert.deepEqual([first.status, first.json], [500, { message: 'Server Error' }]);
    const second = await call(fake, 'GET', COMMENTS);
    assert.equal(second.status, 502);
    assert.match((second.json as { message: string }).message, /^Server Error/);
    const third = await call(fake, 'GET', COMMENTS);
    assert.deepEqual([third.status, third.json], [200, []]);
    assert.equal(fake.faultsRemaining, 0);
  });

  it('matches by method and by path pattern', async () => {
    fake.addFaults({
      method: 'POST',
      path: /\/issues\/\d+\/comments$/,
      answer: 'too-many-requests',
    });
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 200, 'a GET is not a POST');
    const refused = await call(fake, 'POST', COMMENTS, { body: 'x' });
    assert.deepEqual([refused.status, refused.json], [429, { message: 'Too Many Requests' }]);
    assert.equal(fake.state.commentsOn(2).length, 0, 'refused before the work');
  });

  it('skip lets that many matching requests through first', async () => {
    fake.addFaults({ method: 'GET', path: COMMENTS, answer: 'server-error', skip: 2 });
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 200);
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 200);
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 500);
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 200);
  });

  it('a secondary rate limit is a 403 with GitHub’s words and retry-after', async () => {
    fake.addFaults({ path: COMMENTS, answer: 'secondary-rate-limit', retryAfterSeconds: 7 });
    const limited = await call(fake, 'GET', COMMENTS);
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.match(
      (limited.json as { message: string }).message,
      /^You have exceeded a secondary rate limit/,
    );
  });

  it('a locked fault answers GitHub’s locked 403', async () => {
    fake.addFaults({ path: COMMENTS, method: 'POST', answer: 'locked' });
    const locked = await call(fake, 'POST', COMMENTS, { body: 'x' });
    assert.equal(locked.status, 403);
    assert.equal(
      (locked.json as { message: string }).message,
      'Unable to create comment because issue is locked.',
    );
  });

  it('afterHandling stores the comment and still answers 502', async () => {
    fake.addFaults({ method: 'POST', path: COMMENTS, answer: 'bad-gateway', afterHandling: true });
    const before = fake.state.commentsOn(2).length;
    const answer = await call(fake, 'POST', COMMENTS, { body: 'landed' });
    assert.equal(answer.status, 502);
    assert.equal(fake.state.commentsOn(2).length, before + 1);
    assert.equal(fake.state.commentsOn(2).at(-1)?.body, 'landed');
  });

  it('reset closes the connection without an answer, and records status 0', async () => {
    fake.addFaults({ path: COMMENTS, answer: 'reset' });
    await assert.rejects(call(fake, 'GET', COMMENTS), TypeError);
    assert.equal(fake.calls.at(-1)?.status, 0);
    assert.equal((await call(fake, 'GET', COMMENTS)).status, 200);
  });

  it('hang answers nothing until the client gives up', async () => {
    fake.addFaults({ path: COMMENTS, answer: 'hang' });
    const gaveUp = new AbortController();
    const pending = fetch(new URL(COMMENTS, fake.url), {
      headers: { authorization: 'token bot-token' },
      signal: gaveUp.signal,
    });
    // The call is recorded when the fake decides to hold it; then the client aborts.
    while (fake.calls.at(-1)?.status !== 0) await new Promise((resolve) => setImmediate(resolve));
    gaveUp.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });
});
