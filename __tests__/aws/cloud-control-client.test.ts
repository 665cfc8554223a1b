import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCloudControlPort } from '../../src/aws/cloud-control-client.ts';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { readStages } from '../../src/aws/read-stages.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import { CALL_ATTEMPTS, HEDGE } from '../../src/retry/policy.ts';

// The emulator checks that calls are signed, not by whom.
process.env.AWS_ACCESS_KEY_ID = 'AKIDADAPTERTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'adapter-test-secret';

describe('createCloudControlPort against the emulator', () => {
  let emulator: RunningEmulator;
  let identifiers: string[];

  before(async () => {
    emulator = await startEmulator();
    const restApiId = emulator.putRestApi();
    const deploymentId = emulator.putDeployment(restApiId);
    identifiers = Array.from({ length: 40 }, (_, i) =>
      emulator.putStage({ RestApiId: restApiId, StageName: `s${i}`, DeploymentId: deploymentId }),
    );
  });
  after(() => emulator.close());

  const port = () => createCloudControlPort({ region: 'us-east-1', endpoint: emulator.url });
  const reset = (): void => {
    emulator.clearCalls();
    Object.assign(emulator.knobs, {
      rateLimits: {},
      burstCapacity: {},
      randomThrottleShare: 0,
      injectedErrors: [],
      transportFaults: [],
    });
  };

  it('reads every stage once through a tight rate limit, retrying only throttled calls', async () => {
    reset();
    // A one-call bucket and 10 callers: throttling is certain, failures must not be.
    Object.assign(emulator.knobs, { rateLimits: { read: 200 }, burstCapacity: { read: 1 } });
    const live = await readStages(
      port(),
      identifiers.map((identifier) => ({ identifier })),
      10,
    );
    assert.equal(live.size, identifiers.length);
    const reads = emulator.calls.filter((call) => call.operation === 'GetResource');
    const answered = reads.filter((call) => call.outcome === 'ok').map((call) => call.identifier);
    assert.deepEqual([...answered].sort(), [...identifiers].sort());
    assert.ok(
      reads.some((call) => call.outcome === 'ThrottlingException'),
      'the limit was actually hit',
    );
  });

  it('keeps going when a share of calls is throttled at random', async () => {
    reset();
    emulator.knobs.randomThrottleShare = 0.2;
    const live = await readStages(
      port(),
      identifiers.map((identifier) => ({ identifier })),
      10,
    );
    assert.equal(live.size, identifiers.length);
  });

  it('retries a server fault and succeeds on the third attempt', async () => {
    reset();
    emulator.knobs.injectedErrors = [
      { errorName: 'HandlerInternalFailureException', operation: 'GetResource', times: 2 },
    ];
    const stage = await port().getResource(STAGE_TYPE_NAME, identifiers[0] as string);
    assert.equal(stage?.identifier, identifiers[0]);
    assert.deepEqual(
      emulator.calls.map((call) => call.outcome),
      ['HandlerInternalFailureException', 'HandlerInternalFailureException', 'ok'],
    );
  });

  it('surfaces a client error at once, with the wire name as its code', async () => {
    reset();
    emulator.knobs.injectedErrors = [
      { errorName: 'AccessDeniedException', operation: 'GetResource' },
    ];
    await assert.rejects(
      port().getResource(STAGE_TYPE_NAME, identifiers[0] as string),
      (error: unknown) =>
        error instanceof CloudControlError && error.code === 'AccessDeniedException',
    );
    assert.equal(emulator.calls.length, 1);
  });

  it('gives up on throttling after maxAttempts and reports ThrottlingException', async () => {
    reset();
    emulator.knobs.injectedErrors = [
      { errorName: 'ThrottlingException', operation: 'GetResource' },
    ];
    const limited = createCloudControlPort({
      region: 'us-east-1',
      endpoint: emulator.url,
      maxAttempts: 3,
    });
    await assert.rejects(
      limited.getResource(STAGE_TYPE_NAME, identifiers[0] as string),
      (error: unknown) =>
        error instanceof CloudControlError && error.code === 'ThrottlingException',
    );
    assert.equal(emulator.calls.length, 3);
  });

  it('reports a missing stage as undefined', async () => {
    reset();
    const missing = await port().getResource(STAGE_TYPE_NAME, `${identifiers[0]}-gone`);
    assert.equal(missing, undefined);
  });

  it('follows NextToken through every page of ListResources', async () => {
    reset();
    emulator.knobs.listPageSize = 7;
    const restApiId = identifiers[0]?.split('|')[0] as string;
    const listed = await port().listResources(STAGE_TYPE_NAME, { RestApiId: restApiId });
    assert.equal(listed.length, 40);
    assert.equal(new Set(listed.map((d) => d.identifier)).size, 40);
    assert.equal(emulator.calls.filter((c) => c.operation === 'ListResources').length, 6);
  });

  it('sends a read that AWS holds past its latency tail once more, and answers from the copy', async () => {
    reset();
    const hedging = port();
    // Twenty reads, two at a time: enough answers to know AWS's latency (HEDGE.minSamples), and
    // a class that has carried two at once, so one read alone leaves room for a copy.
    for (let i = 0; i < HEDGE.minSamples; i += 2)
      await Promise.all(
        [i, i + 1].map((n) => hedging.getResource(STAGE_TYPE_NAME, identifiers[n] as string)),
      );
    const held = identifiers[30] as string;
    emulator.knobs.transportFaults.push({ fault: 'hang', identifier: held, times: 1 });
    const live = await hedging.getResource(STAGE_TYPE_NAME, held);
    assert.equal(live?.identifier, held);
    const reads = emulator.calls.filter((call) => call.identifier === held);
    assert.deepEqual(
      reads.map((call) => call.outcome),
      ['not-handled', 'ok'],
      'the copy answered, and the held read was abandoned once it had',
    );
    reset();
  });

  it('ends a call that never answers at its request timeout, after CALL_ATTEMPTS.other attempts, as NetworkError', async () => {
    reset();
    emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'GetResource' });
    const impatient = createCloudControlPort({
      region: 'us-east-1',
      endpoint: emulator.url,
      requestTimeoutMs: 200,
    });
    await assert.rejects(
      impatient.getResource(STAGE_TYPE_NAME, identifiers[0] as string),
      (error: unknown) =>
        error instanceof CloudControlError &&
        error.code === TRANSPORT_ERROR &&
        /200 ms requestTimeout/.test(error.message),
    );
    const hung = emulator.calls.filter((call) => call.transportFault === 'hang');
    assert.equal(hung.length, CALL_ATTEMPTS.other);
    reset();
  });

  it('resends a write whose connection was reset after AWS took it, and gets that request back', async () => {
    reset();
    emulator.knobs.transportFaults.push({
      fault: 'reset-after',
      operation: 'CreateResource',
      times: 1,
    });
    const restApiId = identifiers[0]?.split('|')[0] as string;
    const deploymentId = (
      emulator.getReadModel(STAGE_TYPE_NAME, identifiers[0] as string) as { DeploymentId: string }
    ).DeploymentId;
    const event = await port().createResource(
      STAGE_TYPE_NAME,
      { RestApiId: restApiId, StageName: 'reset-after', DeploymentId: deploymentId },
      'token-reset-after',
    );
    const creates = emulator.calls.filter((call) => call.operation === 'CreateResource');
    assert.deepEqual(
      creates.map((call) => call.transportFault),
      ['reset-after', undefined],
    );
    assert.equal(
      event.requestToken,
      creates[0]?.requestToken,
      'one request, answered on the resend',
    );
    reset();
  });

  it('aborts a status poll when its signal fires', async () => {
    reset();
    emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'GetResourceRequestStatus' });
    const stop = new AbortController();
    const poll = port().getResourceRequestStatus('any-token', { signal: stop.signal });
    while (!emulator.calls.some((call) => call.transportFault === 'hang')) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    stop.abort();
    await assert.rejects(poll, (error: unknown) => error instanceof CloudControlError);
    assert.equal(
      emulator.calls.filter((call) => call.operation === 'GetResourceRequestStatus').length,
      1,
    );
    reset();
  });

  it('maps the exception name to the code and a Stage list without RestApiId to InvalidRequestException', async () => {
    reset();
    await assert.rejects(
      port().listResources(STAGE_TYPE_NAME),
      (error: unknown) =>
        error instanceof CloudControlError && error.code === 'InvalidRequestException',
    );
  });
});

it('names an unreachable endpoint NetworkError, not an AWS answer', async () => {
  // Port 9 (discard) on loopback: nothing listens, so the connection is refused.
  const unreachable = createCloudControlPort({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
  });
  await assert.rejects(
    unreachable.getResource(STAGE_TYPE_NAME, 'a|b'),
    (error: unknown) => error instanceof CloudControlError && error.code === 'NetworkError',
  );
});
