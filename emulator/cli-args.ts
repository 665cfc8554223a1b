/**
 * The emulator's command line, parsed into options without side effects. Every knob of
 * knobs.ts has a flag; flags are described once, in FLAGS, which also produces `--help`.
 */
import { isV2InjectableErrorName } from './apigatewayv2/errors.ts';
import { isV2CallMatch, V2_CALL_PREFIX } from './apigatewayv2/rest/call-names.ts';
import { isErrorName, isHandlerErrorCode } from './protocol/errors.ts';
import { OPERATIONS, type OperationName } from './protocol/wire.ts';
import {
  TRANSPORT_FAULTS,
  recordedBehaviour,
  type CallClass,
  type HandlerAction,
  type HandlerFailureRule,
  type InjectedErrorRule,
  type KnobOverrides,
  type LatencyDistribution,
  type ReadAfterCreateLag,
  type RecordedBehaviour,
  type TransportFault,
  type TransportFaultRule,
  type V2InjectedErrorRule,
} from './knobs.ts';

/** The CLI's default port, as LocalStack's edge port, so existing endpoint settings work. */
export const DEFAULT_PORT = 4566;

export interface SeedRestApiArg {
  readonly restApiId: string;
  /** The API's `Name`, for specs that name it (`rest-api:`) rather than give its id. */
  readonly name?: string;
  readonly deploymentIds: readonly string[];
}

export interface CliRun {
  readonly kind: 'run';
  readonly port: number;
  readonly knobs: KnobOverrides;
  readonly restApis: readonly SeedRestApiArg[];
  /** Spec files or folders whose APIs and deployments to seed (`--seed-from`). */
  readonly seedFrom: readonly string[];
  readonly logCalls: boolean;
}

export type CliCommand = CliRun | { readonly kind: 'help' };

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

interface Draft {
  port: number;
  knobs: Omit<KnobOverrides, 'recorded' | 'readAfterCreateLag'> & {
    rateLimits: Partial<Record<CallClass, number>>;
    burstCapacity: Partial<Record<CallClass, number>>;
    burstSeconds: Partial<Record<CallClass, number>>;
    handlerFailures: HandlerFailureRule[];
    injectedErrors: (InjectedErrorRule | V2InjectedErrorRule)[];
    transportFaults: TransportFaultRule[];
    recorded?: Partial<RecordedBehaviour>;
    readAfterCreateLag?: Partial<ReadAfterCreateLag>;
  };
  latency: Partial<{ -readonly [K in keyof LatencyDistribution]: LatencyDistribution[K] }>;
  restApis: SeedRestApiArg[];
  seedFrom: string[];
  logCalls: boolean;
}

function number(
  flag: string,
  raw: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {},
): number {
  const value = Number(raw);
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new CliUsageError(
      `${flag} expects ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

const HANDLER_ACTIONS: readonly HandlerAction[] = ['CREATE', 'UPDATE', 'DELETE', 'READ', 'LIST'];

/** `ACTION:CODE[:IDENTIFIER|*[:TIMES|*[:MESSAGE]]]`; the message may contain colons. */
function handlerFailure(raw: string): HandlerFailureRule {
  const [action = '', code = '', identifier = '*', times = '*', ...message] = raw.split(':');
  if (!(HANDLER_ACTIONS as readonly string[]).includes(action)) {
    throw new CliUsageError(
      `--fail-handler: action must be one of ${HANDLER_ACTIONS.join(', ')}, got "${action}"`,
    );
  }
  if (!isHandlerErrorCode(code))
    throw new CliUsageError(`--fail-handler: "${code}" is not a HandlerErrorCode`);
  return {
    operation: action as HandlerAction,
    errorCode: code,
    ...(identifier !== '*' && identifier !== '' ? { identifier } : {}),
    ...(times !== '*' && times !== ''
      ? { times: number('--fail-handler times', times, { min: 1, integer: true }) }
      : {}),
    ...(message.length > 0 ? { statusMessage: message.join(':') } : {}),
  };
}

/**
 * Splits the operation off the front of `parts`: a Cloud Control operation or `*`, or a V2 call
 * (`apigatewayv2:UpdateStage`, `apigatewayv2:*`), whose name holds a colon itself.
 */
function operationArg(
  flag: string,
  parts: readonly string[],
): { operation: string; rest: string[] } {
  const [first = '', second = '', ...others] = parts;
  if (`${first}:` === V2_CALL_PREFIX) {
    const operation = `${first}:${second}`;
    if (!isV2CallMatch(operation))
      throw new CliUsageError(`${flag}: "${operation}" is not an API Gateway V2 operation`);
    return { operation, rest: others };
  }
  if (first !== '*' && !(OPERATIONS as readonly string[]).includes(first)) {
    throw new CliUsageError(
      `${flag}: "${first}" is not a Cloud Control operation (or *, or apigatewayv2:OPERATION)`,
    );
  }
  return { operation: first, rest: parts.slice(1) };
}

function timesArg(flag: string, times: string): { times?: number } {
  return times !== '*' && times !== ''
    ? { times: number(`${flag} times`, times, { min: 1, integer: true }) }
    : {};
}

/** `OPERATION|*:ExceptionName[:TIMES|*[:MESSAGE]]`; OPERATION may be `apigatewayv2:NAME`. */
function injectedError(raw: string): InjectedErrorRule | V2InjectedErrorRule {
  const { operation, rest } = operationArg('--inject-error', raw.split(':'));
  const [errorName = '', times = '*', ...message] = rest;
  const optional = {
    ...timesArg('--inject-error', times),
    ...(message.length > 0 ? { message: message.join(':') } : {}),
  };
  if (isV2CallMatch(operation)) {
    if (!isV2InjectableErrorName(errorName))
      throw new CliUsageError(`--inject-error: unknown API Gateway V2 error "${errorName}"`);
    return { errorName, operation, ...optional };
  }
  if (!isErrorName(errorName))
    throw new CliUsageError(`--inject-error: unknown exception "${errorName}"`);
  return {
    errorName,
    ...(operation !== '*' ? { operation: operation as OperationName } : {}),
    ...optional,
  };
}

/** `FAULT:OPERATION|*[:TIMES|*[:IDENTIFIER]]`; the identifier may contain colons. */
function transportFault(raw: string): TransportFaultRule {
  const [fault = '', ...parts] = raw.split(':');
  if (!(TRANSPORT_FAULTS as readonly string[]).includes(fault)) {
    throw new CliUsageError(
      `--transport-fault: fault must be one of ${TRANSPORT_FAULTS.join(', ')}, got "${fault}"`,
    );
  }
  const { operation, rest } = operationArg('--transport-fault', parts);
  const [times = '*', ...identifier] = rest;
  return {
    fault: fault as TransportFault,
    ...(operation !== '*'
      ? { operation: operation as NonNullable<TransportFaultRule['operation']> }
      : {}),
    ...timesArg('--transport-fault', times),
    ...(identifier.length > 0 ? { identifier: identifier.join(':') } : {}),
  };
}

/** The recorded behaviours by their flag names (`canary-defaults` for `canaryDefaults`). */
const RECORDED_NAMES: ReadonlyMap<string, keyof RecordedBehaviour> = new Map(
  (Object.keys(recordedBehaviour()) as (keyof RecordedBehaviour)[]).map((name) => [
    name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
    name,
  ]),
);

function withoutRecorded(draft: Draft, raw: string): void {
  const name = RECORDED_NAMES.get(raw);
  if (!name)
    throw new CliUsageError(
      `--without-recorded: "${raw}" is not one of ${[...RECORDED_NAMES.keys()].join(', ')}`,
    );
  draft.knobs.recorded = { ...draft.knobs.recorded, [name]: false };
}

/** `RATE:BURST`, the account's throttle quota. */
function accountThrottleArg(raw: string) {
  const [rate = '', burst = ''] = raw.split(':');
  return {
    rateLimit: number('--account-throttle rate', rate, { min: 1 }),
    burstLimit: number('--account-throttle burst', burst, { min: 1, integer: true }),
  };
}

function restApi(raw: string): SeedRestApiArg {
  const [restApiId = '', deployments = ''] = raw.split(':');
  if (!/^[a-z0-9]+$/.test(restApiId))
    throw new CliUsageError(`--rest-api: "${restApiId}" is not a lowercase alphanumeric id`);
  return { restApiId, deploymentIds: deployments === '' ? [] : deployments.split(',') };
}

interface Flag {
  readonly name: string;
  readonly value?: string;
  readonly help: string;
  readonly apply: (draft: Draft, raw: string) => void;
}

function rateFlags(callClass: CallClass, operations: string): Flag[] {
  return [
    {
      name: `--${callClass}-rate`,
      value: 'N',
      help: `token-bucket rate for ${operations}, calls per second (default: unlimited)`,
      apply: (d, raw) =>
        (d.knobs.rateLimits[callClass] = number(`--${callClass}-rate`, raw, { min: 0.001 })),
    },
    {
      name: `--${callClass}-burst`,
      value: 'N',
      help: `bucket capacity for ${operations} (default: one second of the rate)`,
      apply: (d, raw) =>
        (d.knobs.burstCapacity[callClass] = number(`--${callClass}-burst`, raw, { min: 1 })),
    },
    {
      name: `--${callClass}-burst-seconds`,
      value: 'S',
      help: `bucket capacity for ${operations} in seconds of the rate (at least one call)`,
      apply: (d, raw) =>
        (d.knobs.burstSeconds[callClass] = number(`--${callClass}-burst-seconds`, raw, {
          min: 0.001,
        })),
    },
  ];
}

const FLAGS: readonly Flag[] = [
  {
    name: '--port',
    value: 'N',
    help: `TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT_PORT})`,
    apply: (d, raw) => (d.port = number('--port', raw, { max: 65535, integer: true })),
  },
  {
    name: '--latency-ms',
    value: 'MS',
    help: 'delay added to every call (default 0)',
    apply: (d, raw) => (d.knobs.latencyMs = number('--latency-ms', raw)),
  },
  {
    name: '--latency-median-ms',
    value: 'MS',
    help: 'add a seeded lognormal latency with this median (needs --latency-tail-ms and --latency-tail-share)',
    apply: (d, raw) => (d.latency.medianMs = number('--latency-median-ms', raw, { min: 0.001 })),
  },
  {
    name: '--latency-tail-ms',
    value: 'MS',
    help: 'the lognormal latency exceeds this for --latency-tail-share of the calls',
    apply: (d, raw) => (d.latency.tailMs = number('--latency-tail-ms', raw, { min: 0.001 })),
  },
  {
    name: '--latency-tail-share',
    value: 'F',
    help: 'share of calls (0..0.5) slower than --latency-tail-ms, e.g. 0.05',
    apply: (d, raw) =>
      (d.latency.tailShare = number('--latency-tail-share', raw, { min: 0.0001, max: 0.4999 })),
  },
  {
    name: '--operation-ms',
    value: 'MS',
    help: 'how long creates, updates and deletes stay IN_PROGRESS (default 1000)',
    apply: (d, raw) => (d.knobs.operationDurationMs = number('--operation-ms', raw)),
  },
  ...rateFlags('read', 'GetResource/ListResources'),
  ...rateFlags('write', 'Create/Update/Delete/CancelResourceRequest'),
  ...rateFlags('status', 'GetResourceRequestStatus/ListResourceRequests'),
  {
    name: '--throttle-share',
    value: 'F',
    help: 'share of calls (0..1) answered with ThrottlingException at random (default 0)',
    apply: (d, raw) => (d.knobs.randomThrottleShare = number('--throttle-share', raw, { max: 1 })),
  },
  {
    name: '--seed',
    value: 'N',
    help: 'seed for random throttling and generated ids (default 1)',
    apply: (d, raw) => (d.knobs.seed = number('--seed', raw, { integer: true })),
  },
  {
    name: '--server-fault-status',
    value: 'N',
    help: 'HTTP status of server-fault exceptions (default: the service model, 500/502)',
    apply: (d, raw) =>
      (d.knobs.serverFaultStatus = number('--server-fault-status', raw, {
        min: 400,
        max: 599,
        integer: true,
      })),
  },
  {
    name: '--list-page-size',
    value: 'N',
    help: 'resources per ListResources page (default 20)',
    apply: (d, raw) =>
      (d.knobs.listPageSize = number('--list-page-size', raw, { min: 1, integer: true })),
  },
  {
    name: '--fail-handler',
    value: 'ACTION:CODE[:ID|*[:TIMES|*[:MESSAGE]]]',
    help: 'make a handler fail, e.g. UPDATE:Throttling:abc123|prod:2 (repeatable; ACTION is CREATE, UPDATE, DELETE, READ or LIST)',
    apply: (d, raw) => d.knobs.handlerFailures.push(handlerFailure(raw)),
  },
  {
    name: '--inject-error',
    value: 'OP|*:EXCEPTION[:TIMES|*[:MESSAGE]]',
    help: 'answer calls with an exception, e.g. GetResource:HandlerInternalFailureException:1 or apigatewayv2:UpdateStage:ServiceUnavailableException:1 (repeatable)',
    apply: (d, raw) => d.knobs.injectedErrors.push(injectedError(raw)),
  },
  {
    name: '--transport-fault',
    value: 'FAULT:OP|*[:TIMES|*[:ID]]',
    help: 'break the connection of calls, e.g. reset-after:UpdateResource:1 or hang:apigatewayv2:TagResource (repeatable; FAULT is hang, reset-before or reset-after)',
    apply: (d, raw) => d.knobs.transportFaults.push(transportFault(raw)),
  },
  {
    name: '--account-throttle',
    value: 'RATE:BURST',
    help: "the account's throttle quota that unthrottled methods report (default: the signing region's, 10000:5000 or 2500:1250)",
    apply: (d, raw) => (d.knobs.accountThrottle = accountThrottleArg(raw)),
  },
  {
    name: '--read-after-create-lag-ms',
    value: 'MS',
    help: 'GetResource answers NotFound for this long after a create (default 0)',
    apply: (d, raw) =>
      (d.knobs.readAfterCreateLag = {
        ...d.knobs.readAfterCreateLag,
        ms: number('--read-after-create-lag-ms', raw),
      }),
  },
  {
    name: '--read-after-create-lag-calls',
    value: 'N',
    help: 'GetResource answers NotFound to the first N reads after a create (default 0)',
    apply: (d, raw) =>
      (d.knobs.readAfterCreateLag = {
        ...d.knobs.readAfterCreateLag,
        calls: number('--read-after-create-lag-calls', raw, { integer: true }),
      }),
  },
  {
    name: '--no-success-model',
    help: 'SUCCESS events carry no ResourceModel (as recorded for S3)',
    apply: (d) => (d.knobs.successEventModel = false),
  },
  {
    name: '--without-recorded',
    value: 'NAME',
    help: `switch off one recorded AWS behaviour (repeatable): ${[...RECORDED_NAMES.keys()].join(', ')}`,
    apply: withoutRecorded,
  },
  {
    name: '--rest-api',
    value: 'ID[:DEPLOYMENT,...]',
    help: 'seed a REST API with this id and deployments, so specs naming them work (repeatable)',
    apply: (d, raw) => d.restApis.push(restApi(raw)),
  },
  {
    name: '--seed-from',
    value: 'PATH',
    help: 'seed every API (REST, HTTP, WebSocket) and deployment the spec files in PATH (a folder or a file) name (repeatable)',
    apply: (d, raw) => d.seedFrom.push(raw),
  },
  {
    name: '--log-calls',
    help: 'print one line per call after the first line',
    apply: (d) => (d.logCalls = true),
  },
  { name: '--help', help: 'show this help', apply: () => undefined },
];

/** The `--help` text. */
export function usage(): string {
  const lines = FLAGS.map((flag) => {
    const left = `  ${flag.value ? `${flag.name} ${flag.value}` : flag.name}`;
    return left.length < 30
      ? `${left.padEnd(30)} ${flag.help}`
      : `${left}\n${' '.repeat(31)}${flag.help}`;
  });
  return [
    'Usage: npm run emulator -- [flags]',
    '',
    'An emulator of the AWS Cloud Control API (AWS::ApiGateway::Stage, RestApi, Deployment) on 127.0.0.1.',
    'Point the AWS SDK at it with AWS_ENDPOINT_URL_CLOUDCONTROL=http://127.0.0.1:PORT and any credentials.',
    '',
    'Flags:',
    ...lines,
  ].join('\n');
}

/** Parses argv (without the node and script paths). Accepts `--flag value` and `--flag=value`. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const draft: Draft = {
    port: DEFAULT_PORT,
    knobs: {
      rateLimits: {},
      burstCapacity: {},
      burstSeconds: {},
      handlerFailures: [],
      injectedErrors: [],
      transportFaults: [],
    },
    latency: {},
    restApis: [],
    seedFrom: [],
    logCalls: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (name === '--help' || name === '-h') return { kind: 'help' };
    const flag = FLAGS.find((candidate) => candidate.name === name);
    if (!flag) throw new CliUsageError(`unknown flag "${arg}" (see --help)`);
    if (!flag.value) {
      flag.apply(draft, '');
      continue;
    }
    const raw = inline ?? argv[(i += 1)];
    if (raw === undefined) throw new CliUsageError(`${name} needs a value (${flag.value})`);
    flag.apply(draft, raw);
  }
  const { medianMs, tailMs, tailShare } = draft.latency;
  if (medianMs !== undefined || tailMs !== undefined || tailShare !== undefined) {
    if (
      medianMs === undefined ||
      tailMs === undefined ||
      tailShare === undefined ||
      tailMs <= medianMs
    )
      throw new CliUsageError(
        '--latency-median-ms, --latency-tail-ms and --latency-tail-share go together, with the tail above the median',
      );
    draft.knobs.latencyDistribution = { medianMs, tailMs, tailShare };
  }
  return {
    kind: 'run',
    port: draft.port,
    knobs: draft.knobs,
    restApis: draft.restApis,
    seedFrom: draft.seedFrom,
    logCalls: draft.logCalls,
  };
}
