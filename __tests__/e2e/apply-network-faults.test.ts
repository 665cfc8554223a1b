/**
 * Network faults against the bundle, as a runner would meet them (the emulator's transport
 * faults, emulator/knobs.ts `transportFaults`): a call that never answers ends within the
 * configured timeouts with a clear failure; a reset write is resent with its client token and
 * applies once; resets on status polls do not fail stages that were applied. The policy behind
 * each is in src/retry/policy.ts. Faults are controlled (which calls, how many times), and the
 * timeouts are small, so nothing here depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import {
  EXAMPLE_STAGES,
  describeRun,
  logLines,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';
import type { CallRecord } from '../../emulator/server.ts';

const LIMIT = { timeout: 180_000 };

async function world(t: { after: (fn: () => Promise<void>) => void }): Promise<ApplyWorld> {
  const w = await startApplyWorld();
  t.after(() => w.close());
  return w;
}

function calls(w: ApplyWorld, operation: string): CallRecord[] {
  return w.emulator.calls.filter((call) => call.operation === operation);
}

test(
  'a GetResource that never answers fails the plan after its timed-out attempts, before any write',
  LIMIT,
  async (t) => {
    const w = await world(t);
    w.emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'GetResource' });
    const run = await w.apply({ inputs: { 'operation-timeout-seconds': '2' } });

    assert.equal(run.exitCode, 1, describeRun(run));
    assert.equal(run.outputs['failure-reason'], 'aws-read-failed', describeRun(run));
    // The request timeout follows operation-timeout-seconds (requestTimeoutFor in policy.ts).
    assert.match(run.stdout + run.stderr, /GetResource .*2000 ms requestTimeout/, describeRun(run));
    assert.deepEqual(writeCalls(w.emulator.calls), [], 'nothing was written');
    const reads = calls(w, 'GetResource');
    assert.ok(reads.length > 0 && reads.every((call) => call.transportFault === 'hang'));
    for (const identifier of new Set(reads.map((call) => call.identifier))) {
      const attempts = reads.filter((call) => call.identifier === identifier).length;
      assert.ok(attempts <= 3, `${attempts} attempts at ${identifier}: CALL_ATTEMPTS.other is 3`);
    }
  },
);

test(
  'a status poll that never answers is abandoned at the operation deadline; the stage fails with a timeout and reads as it is',
  LIMIT,
  async (t) => {
    const w = await world(t);
    // The operation outlasts the deadline. The first event carries no RetryAfter (as on AWS,
    // docs/reference/aws-recorded-behaviour.md fact 1), so the first poll goes out at once and
    // hangs; the 6 s deadline ends it (each call's own timeout is no longer than the deadline,
    // requestTimeoutFor in src/retry/policy.ts). The capped RetryAfter's note is a unit test's.
    w.emulator.knobs.operationDurationMs = 60_000;
    w.emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'GetResourceRequestStatus' });
    const run = await w.apply({ inputs: { 'operation-timeout-seconds': '6' } });

    assert.equal(run.exitCode, 1, describeRun(run));
    assert.equal(run.outputs['failure-reason'], 'apply-failed');
    for (const name of Object.keys(EXAMPLE_STAGES)) {
      const error = run.annotations.find(
        (a) => a.level === 'error' && a.message.includes(`${name} failed`),
      );
      assert.ok(error, `${name}: ${describeRun(run)}`);
      assert.match(
        error.message,
        /Timeout: The request did not settle within 6 s \(last status IN_PROGRESS\)/,
      );
      assert.match(error.message, /cancel requested/);
      assert.match(error.message, /the stage does not exist as read after the cancel/);
    }
    // One poll per request, abandoned: the deadline did not wait for its attempts to time out (30 s
    // each) or for the SDK to retry it.
    const creates = calls(w, 'CreateResource');
    assert.equal(creates.length, 3);
    for (const create of creates) {
      const polls = calls(w, 'GetResourceRequestStatus').filter(
        (call) => call.requestToken === create.requestToken,
      );
      assert.deepEqual(
        polls.map((call) => call.transportFault),
        ['hang'],
      );
      assert.ok(
        calls(w, 'CancelResourceRequest').some((call) => call.requestToken === create.requestToken),
        'the timed-out request was cancelled',
      );
    }
  },
);

test(
  'a status poll that never answers while the operation finishes: abandoned at the deadline, and the stage reported as AWS has it',
  LIMIT,
  async (t) => {
    const w = await world(t);
    // Due in 2.5 s (RetryAfter), so the poll goes out then and hangs past the 4 s deadline.
    w.emulator.knobs.operationDurationMs = 2_500;
    w.emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'GetResourceRequestStatus' });
    const run = await w.apply({ inputs: { 'operation-timeout-seconds': '4' } });

    assert.equal(run.exitCode, 0, describeRun(run));
    for (const name of Object.values(EXAMPLE_STAGES))
      assert.ok(w.readStage(name), `${name} exists`);
    assert.ok(
      logLines(run, 'finished (SUCCESS) before it could be cancelled').length > 0 ||
        /finished \(SUCCESS\) before it could be cancelled/.test(run.summary),
      describeRun(run),
    );
    for (const poll of calls(w, 'GetResourceRequestStatus'))
      assert.equal(poll.transportFault, 'hang');
  },
);

test(
  'a write whose connection is reset, before or after AWS handled it, is resent with its client token and applies once',
  LIMIT,
  async (t) => {
    const w = await world(t);
    const first = await w.apply();
    assert.equal(first.exitCode, 0, describeRun(first));
    w.writeSpec(w.exampleSpec().replaceAll('Production stage', 'Production stage, second edition'));
    const production = w.identifier(EXAMPLE_STAGES.BasicStage);
    // Three resets after handling spend all of the call layer's attempts (CALL_ATTEMPTS.other),
    // so the apply's own resend (recovery-rules.ts) has to send it once more.
    w.emulator.knobs.transportFaults.push({
      fault: 'reset-after',
      operation: 'UpdateResource',
      identifier: production,
      times: 3,
    });
    w.emulator.clearCalls();
    const run = await w.apply();

    assert.equal(run.exitCode, 0, describeRun(run));
    assert.equal(
      (w.readStage(EXAMPLE_STAGES.BasicStage) as { Description?: string }).Description,
      'Production stage, second edition for the API',
    );
    const updates = calls(w, 'UpdateResource').filter((call) => call.identifier === production);
    assert.deepEqual(
      updates.map((call) => call.transportFault),
      ['reset-after', 'reset-after', 'reset-after', undefined],
    );
    assert.equal(new Set(updates.map((call) => call.clientToken)).size, 1, 'one client token');
    assert.equal(new Set(updates.map((call) => call.requestToken)).size, 1, 'one request in AWS');
    assert.ok(logLines(run, 'sent the same request again').length > 0, describeRun(run));
  },
);

test(
  'creates whose connection is reset before AWS handled them are resent and applied',
  LIMIT,
  async (t) => {
    const w = await world(t);
    w.emulator.knobs.transportFaults.push({
      fault: 'reset-before',
      operation: 'CreateResource',
      times: 4,
    });
    const run = await w.apply();

    assert.equal(run.exitCode, 0, describeRun(run));
    for (const name of Object.values(EXAMPLE_STAGES))
      assert.ok(w.readStage(name), `${name} exists`);
    const handled = calls(w, 'CreateResource').filter((call) => call.outcome === 'ok');
    assert.equal(handled.length, 3, 'each stage was created by one handled request');
    assert.equal(
      w.emulator.getReadModel(STAGE_TYPE_NAME, w.identifier(EXAMPLE_STAGES.BasicStage))?.StageName,
      EXAMPLE_STAGES.BasicStage,
    );
  },
);

test(
  'resets on status polls, before and after handling, do not fail stages that were applied',
  LIMIT,
  async (t) => {
    const w = await world(t);
    // More resets than one poll's attempts: the apply polls again (a poll is a read).
    w.emulator.knobs.transportFaults.push(
      { fault: 'reset-before', operation: 'GetResourceRequestStatus', times: 4 },
      { fault: 'reset-after', operation: 'GetResourceRequestStatus', times: 4 },
    );
    const run = await w.apply();

    assert.equal(run.exitCode, 0, describeRun(run));
    assert.equal(run.outputs['failure-reason'], '');
    for (const name of Object.values(EXAMPLE_STAGES))
      assert.ok(w.readStage(name), `${name} exists`);
    const faults = calls(w, 'GetResourceRequestStatus').map((call) => call.transportFault);
    assert.equal(faults.filter((fault) => fault === 'reset-before').length, 4);
    assert.equal(faults.filter((fault) => fault === 'reset-after').length, 4);
  },
);
