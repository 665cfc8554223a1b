/**
 * The expression evaluator of ./workflow-job.ts: what the repository's workflows use evaluates as
 * GitHub evaluates it, and anything else is refused rather than guessed.
 * https://docs.github.com/actions/reference/workflows-and-actions/expressions
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, type Context } from './workflow-job.ts';

const context = (jobFailed = false): Context => ({
  github: { event_name: 'push', event: { pull_request: { number: 7 } } },
  env: { DOGFOOD_SPECS: 'examples/*.yml' },
  steps: { sync: { outputs: { 'has-changes': 'true', creates: '3' }, outcome: 'success' } },
  jobFailed,
});

test('the expressions the workflows use evaluate as on GitHub', () => {
  assert.equal(evaluate("github.event_name == 'push'", context()), true);
  assert.equal(evaluate("github.event_name == 'PUSH'", context()), true, 'case-insensitive');
  assert.equal(evaluate("github.event_name != 'push'", context()), false);
  assert.equal(evaluate('github.event.pull_request.number', context()), 7);
  assert.equal(evaluate('env.DOGFOOD_SPECS', context()), 'examples/*.yml');
  assert.equal(evaluate("steps.sync.outputs.has-changes == 'true'", context()), true);
  assert.equal(evaluate('steps.missing.outputs.x', context()), undefined);
  assert.deepEqual(JSON.parse(String(evaluate('toJSON(steps.sync.outputs)', context()))), {
    'has-changes': 'true',
    creates: '3',
  });
  assert.equal(evaluate('success()', context(true)), false);
  assert.equal(evaluate('always()', context(true)), true);
  assert.equal(evaluate("failure() && github.event_name == 'push'", context(true)), true);
  assert.equal(evaluate("!(github.event_name == 'push') || always()", context()), true);
});

test('an expression outside that part of the language is refused', () => {
  for (const expression of [
    "contains(github.ref, 'main')",
    'secrets.TOKEN',
    "github.event_name == 'push' &",
    'matrix.region',
  ]) {
    assert.throws(() => evaluate(expression, context()), /Unsupported/, expression);
  }
});
