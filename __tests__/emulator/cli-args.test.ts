import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CliUsageError, DEFAULT_PORT, parseCliArgs, usage } from '../../emulator/cli-args.ts';

describe('parseCliArgs', () => {
  it('defaults to port 4566 and no knob overrides', () => {
    const command = parseCliArgs([]);
    assert.equal(command.kind, 'run');
    assert.equal(command.kind === 'run' && command.port, DEFAULT_PORT);
    assert.deepEqual(command.kind === 'run' && command.knobs, {
      rateLimits: {},
      burstCapacity: {},
      burstSeconds: {},
      handlerFailures: [],
      injectedErrors: [],
      transportFaults: [],
    });
  });

  it('maps every knob flag, in both --flag value and --flag=value forms', () => {
    const command = parseCliArgs([
      '--port',
      '0',
      '--latency-ms=30',
      '--operation-ms',
      '250',
      '--read-rate',
      '10',
      '--read-burst',
      '40',
      '--write-rate=2',
      '--status-rate',
      '5',
      '--status-burst',
      '5',
      '--write-burst',
      '1',
      '--throttle-share',
      '0.1',
      '--seed',
      '7',
      '--server-fault-status',
      '500',
      '--list-page-size',
      '3',
      '--fail-handler',
      'UPDATE:Throttling:abc123|prod:2:Rate exceeded: slow down',
      '--fail-handler',
      'CREATE:InternalFailure',
      '--inject-error',
      'GetResource:HandlerInternalFailureException:1',
      '--inject-error',
      '*:AccessDeniedException',
      '--transport-fault',
      'hang:GetResourceRequestStatus',
      '--transport-fault=reset-after:UpdateResource:2:abc123|prod',
      '--transport-fault',
      'reset-before:*:1',
      '--rest-api',
      'abc123:dep1,dep2',
      '--rest-api',
      'xyz789',
      '--seed-from',
      'stages/',
      '--seed-from=examples/alchemy-stages.yml',
      '--log-calls',
      '--latency-median-ms',
      '250',
      '--latency-tail-ms=2000',
      '--latency-tail-share',
      '0.05',
      '--read-burst-seconds',
      '4',
      '--account-throttle',
      '20000:8000',
      '--read-after-create-lag-ms',
      '50',
      '--read-after-create-lag-calls',
      '1',
      '--no-success-model',
      '--without-recorded',
      'canary-defaults',
      '--without-recorded=cancel-leaves-effects',
    ]);
    assert.deepEqual(command, {
      kind: 'run',
      port: 0,
      logCalls: true,
      restApis: [
        { restApiId: 'abc123', deploymentIds: ['dep1', 'dep2'] },
        { restApiId: 'xyz789', deploymentIds: [] },
      ],
      seedFrom: ['stages/', 'examples/alchemy-stages.yml'],
      knobs: {
        latencyMs: 30,
        operationDurationMs: 250,
        rateLimits: { read: 10, write: 2, status: 5 },
        burstCapacity: { read: 40, status: 5, write: 1 },
        burstSeconds: { read: 4 },
        latencyDistribution: { medianMs: 250, tailMs: 2000, tailShare: 0.05 },
        accountThrottle: { rateLimit: 20000, burstLimit: 8000 },
        readAfterCreateLag: { ms: 50, calls: 1 },
        successEventModel: false,
        recorded: { canaryDefaults: false, cancelLeavesEffects: false },
        randomThrottleShare: 0.1,
        seed: 7,
        serverFaultStatus: 500,
        listPageSize: 3,
        handlerFailures: [
          {
            operation: 'UPDATE',
            errorCode: 'Throttling',
            identifier: 'abc123|prod',
            times: 2,
            statusMessage: 'Rate exceeded: slow down',
          },
          { operation: 'CREATE', errorCode: 'InternalFailure' },
        ],
        injectedErrors: [
          { errorName: 'HandlerInternalFailureException', operation: 'GetResource', times: 1 },
          { errorName: 'AccessDeniedException' },
        ],
        transportFaults: [
          { fault: 'hang', operation: 'GetResourceRequestStatus' },
          {
            fault: 'reset-after',
            operation: 'UpdateResource',
            times: 2,
            identifier: 'abc123|prod',
          },
          { fault: 'reset-before', times: 1 },
        ],
      },
    });
  });

  it('parses API Gateway V2 calls in --inject-error and --transport-fault', () => {
    const run = parseCliArgs([
      '--inject-error',
      'apigatewayv2:UpdateStage:ServiceUnavailableException:1:busy: try later',
      '--inject-error',
      'apigatewayv2:*:TooManyRequestsException',
      '--transport-fault',
      'hang:apigatewayv2:TagResource',
      '--transport-fault',
      'reset-after:apigatewayv2:UpdateStage:*:a1b2c3d4e5|$default',
    ]);
    assert.equal(run.kind, 'run');
    assert.deepEqual(run.kind === 'run' ? run.knobs.injectedErrors : undefined, [
      {
        errorName: 'ServiceUnavailableException',
        operation: 'apigatewayv2:UpdateStage',
        times: 1,
        message: 'busy: try later',
      },
      { errorName: 'TooManyRequestsException', operation: 'apigatewayv2:*' },
    ]);
    assert.deepEqual(run.kind === 'run' ? run.knobs.transportFaults : undefined, [
      { fault: 'hang', operation: 'apigatewayv2:TagResource' },
      {
        fault: 'reset-after',
        operation: 'apigatewayv2:UpdateStage',
        identifier: 'a1b2c3d4e5|$default',
      },
    ]);
  });

  it('returns help for --help and -h', () => {
    assert.deepEqual(parseCliArgs(['--port', '1', '--help']), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['-h']), { kind: 'help' });
  });

  it('refuses unknown flags, missing values and bad values', () => {
    const bad = [
      ['--nope'],
      ['--port'],
      ['--port', '70000'],
      ['--latency-ms', '-1'],
      ['--throttle-share', '2'],
      ['--fail-handler', 'PATCH:Throttling'],
      ['--fail-handler', 'UPDATE:Slow'],
      ['--inject-error', 'Describe:ThrottlingException'],
      ['--inject-error', 'GetResource:NoSuchException'],
      ['--inject-error', 'apigatewayv2:CreateStage:InternalServerError'],
      ['--inject-error', 'apigatewayv2:UpdateStage:HandlerInternalFailureException'],
      ['--transport-fault', 'hang:apigatewayv2:Nope'],
      ['--rest-api', 'Not-An-Id'],
      ['--transport-fault', 'drop:GetResource'],
      ['--transport-fault', 'hang:Describe'],
      ['--transport-fault', 'hang:GetResource:0'],
      ['--latency-median-ms', '250'],
      ['--latency-median-ms', '250', '--latency-tail-ms', '100', '--latency-tail-share', '0.05'],
      ['--account-throttle', '100'],
      ['--without-recorded', 'canaryDefaults'],
    ];
    for (const argv of bad) assert.throws(() => parseCliArgs(argv), CliUsageError, argv.join(' '));
  });
});

describe('usage', () => {
  it('lists every flag', () => {
    const text = usage();
    for (const flag of [
      '--port',
      '--latency-ms',
      '--operation-ms',
      '--read-rate',
      '--write-burst',
      '--status-rate',
      '--throttle-share',
      '--seed',
      '--server-fault-status',
      '--list-page-size',
      '--latency-median-ms',
      '--read-burst-seconds',
      '--account-throttle',
      '--read-after-create-lag-ms',
      '--no-success-model',
      '--without-recorded',
      '--fail-handler',
      '--inject-error',
      '--rest-api',
      '--log-calls',
      '--help',
    ]) {
      assert.ok(text.includes(flag), flag);
    }
  });
});
