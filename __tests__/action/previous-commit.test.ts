import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previousCommitOf } from '../../src/action/previous-commit.ts';
import { PAYLOADS } from '../e2e/github-world.ts';

test("a pull request's previous specs are its base commit's", () => {
  const payload = PAYLOADS.pullRequest();
  const base = (payload.pull_request as { base: { sha: string } }).base.sha;
  assert.match(base, /^[0-9a-f]{40}$/);
  assert.equal(previousCommitOf('pull_request', payload), base);
});

test("a push's previous specs are those at `before`; a branch's first push has none", () => {
  // The examples' push created its branch, so its `before` is GitHub's forty zeros.
  const payload = PAYLOADS.pushToDefaultBranch();
  assert.equal(payload.before, '0'.repeat(40));
  assert.equal(previousCommitOf('push', payload), undefined);
  const before = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
  assert.equal(previousCommitOf('push', { ...payload, before }), before);
});

test('a schedule or a manual run names no earlier commit', () => {
  assert.equal(previousCommitOf('schedule', PAYLOADS.schedule()), undefined);
  assert.equal(previousCommitOf('workflow_dispatch', PAYLOADS.workflowDispatch()), undefined);
});
