/**
 * "handler failures on some stages" (README, "How the apply works"): when Cloud Control's handler settles some writes
 * FAILED, those stages fail with AWS's ErrorCode and StatusMessage in the log and the job summary,
 * the run fails with `apply-failed`, and every other stage is still applied. A retryable handler
 * code is retried instead of failing; a re-run once the cause is gone converges.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HandlerFailureRule } from '../../emulator/server.ts';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import {
  acceptedStageCalls,
  describeRun,
  logLines,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

const CANARY_MESSAGE =
  'Invalid deployment identifier specified for the canary (Service: ApiGateway, Status Code: 400, Request ID: 5b0c1e2a-7d44-4b1e-9a52-3f1d2c4b5a69)';
const LIMIT_MESSAGE =
  'Maximum number of stages reached for this API (Service: ApiGateway, Status Code: 429, Request ID: 0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d)';
const UPDATE_MESSAGE = 'Access denied for apigateway:PATCH on the stage';

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld({});
  world.writeSpec(world.plainSpec({ QaStage: 'qa', DevStage: 'dev' }), 'extra.yml');
});
after(() => world.close());

function failOn(rules: HandlerFailureRule[]): void {
  world.emulator.knobs.handlerFailures = rules;
}

test('failed creates name their stage, code and message; the other stages are created', async () => {
  failOn([
    {
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      identifier: world.identifier('staging'),
      errorCode: 'InvalidRequest',
      statusMessage: CANARY_MESSAGE,
    },
    {
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      identifier: world.identifier('cached'),
      errorCode: 'ServiceLimitExceeded',
      statusMessage: LIMIT_MESSAGE,
    },
    // Retryable (resource-handler contract): retried with a fresh client token, then applied.
    {
      operation: 'CREATE',
      typeName: STAGE_TYPE_NAME,
      identifier: world.identifier('qa'),
      errorCode: 'Throttling',
      statusMessage: 'Rate exceeded',
      times: 1,
    },
  ]);
  const run = await world.apply();
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');

  for (const name of ['production', 'qa', 'dev'])
    assert.ok(world.readStage(name), `${name} exists`);
  for (const name of ['staging', 'cached']) assert.equal(world.readStage(name), undefined);

  const failures = [
    ['AdvancedStage', 'InvalidRequest', CANARY_MESSAGE],
    ['CacheEnabledStage', 'ServiceLimitExceeded', LIMIT_MESSAGE],
  ] as const;
  for (const [name, code, message] of failures) {
    const settled = run.annotations.filter(
      (a) => a.level === 'error' && a.message.includes(` ${name} failed`),
    );
    assert.equal(settled.length, 1, `one error line for ${name}`);
    assert.ok(settled[0]?.message.includes(`${code}: ${message}`), settled[0]?.message);
    assert.ok(run.summary.includes(name), `the summary names ${name}`);
    assert.ok(run.summary.includes(code), `the summary gives ${name}'s ErrorCode`);
    assert.ok(run.summary.includes(message), `the summary gives ${name}'s StatusMessage`);
  }
  const verdict = run.annotations.find((a) => a.message.startsWith('Apply failed'));
  assert.match(verdict?.message ?? '', /AdvancedStage \(InvalidRequest\)/);
  assert.match(verdict?.message ?? '', /CacheEnabledStage \(ServiceLimitExceeded\)/);
  for (const name of ['BasicStage', 'QaStage', 'DevStage']) {
    assert.equal(logLines(run, ` ${name} applied`).length, 1, `${name} is applied`);
  }
  assert.equal(logLines(run, 'QaStage: retryable handler failure').length, 1);
  const qaCreates = acceptedStageCalls(world.emulator.calls, 'CreateResource').filter(
    (call) => call.identifier === world.identifier('qa'),
  );
  assert.equal(qaCreates.length, 2, 'the retryable failure was submitted again');
  assert.notEqual(qaCreates[0]?.clientToken, qaCreates[1]?.clientToken);
});

test('a failed update names its stage; the other update is applied', async () => {
  failOn([
    {
      operation: 'UPDATE',
      typeName: STAGE_TYPE_NAME,
      identifier: world.identifier('dev'),
      errorCode: 'AccessDenied',
      statusMessage: UPDATE_MESSAGE,
    },
  ]);
  world.writeSpec(
    world.plainSpec({ QaStage: 'qa', DevStage: 'dev' }, 'second edition'),
    'extra.yml',
  );
  world.emulator.clearCalls();
  const run = await world.apply({ sha: '5e2d8c0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d' });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');
  assert.equal(world.readStage('qa')?.Description, 'second edition');
  assert.equal(
    world.readStage('dev')?.Description,
    'DevStage',
    'the failed update changed nothing',
  );
  const error = run.annotations.find(
    (a) => a.level === 'error' && a.message.includes('DevStage failed'),
  );
  assert.ok(error?.message.includes(`AccessDenied: ${UPDATE_MESSAGE}`), describeRun(run));
  assert.ok(run.summary.includes(UPDATE_MESSAGE));
});

test('once the cause is gone, re-running the same commit applies what failed', async () => {
  failOn([]);
  world.emulator.clearCalls();
  const run = await world.apply({ sha: '5e2d8c0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d' });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  for (const name of ['staging', 'cached']) assert.ok(world.readStage(name), `${name} exists`);
  assert.equal(world.readStage('dev')?.Description, 'second edition');
  assert.ok(
    writeCalls(world.emulator.calls).every((call) => call.outcome === 'ok'),
    'no write refused (no ClientTokenConflict)',
  );
});
