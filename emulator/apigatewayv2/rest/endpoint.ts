/**
 * API Gateway V2's own REST endpoint on the emulator's port, for clients that send stage updates
 * to API Gateway directly (`@aws-sdk/client-apigatewayv2` with `endpoint` or
 * `AWS_ENDPOINT_URL_APIGATEWAYV2` set to the emulator's URL). Everything under `/v2/` comes here;
 * the rest of the port is Cloud Control.
 *
 * Wire (restJson1, the SDK's `AwsRestJsonProtocol`): JSON bodies with camelCase members; errors
 * as `{"message": ...}` (NotFound adds `resourceType`) with the exception name in
 * `x-amzn-ErrorType`; SigV4 signing name `apigateway`. The emulator's knobs and fault machinery
 * apply as they do to Cloud Control, with V2 calls named as the call log names them
 * (`apigatewayv2:UpdateStage`, call-names.ts): added latency; the read/write token buckets and
 * random throttling (API Gateway's throttle answers 429 TooManyRequestsException "Too Many
 * Requests", which the SDK retries); `injectedErrors` (the service's exceptions, and 5xx server
 * faults); `transportFaults` (hang, reset before handling, reset after handling); and holds, which
 * keep a call unanswered until released (requests/holds.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyTransportFault, callOutcome, leavesUnhandled, type CallRecord } from '../../calls.ts';
import type { FaultInjector } from '../../faults.ts';
import type { EmulatorKnobs, TransportFault } from '../../knobs.ts';
import { readBody } from '../../protocol/wire.ts';
import type { ArrivingCall } from '../../requests/holds.ts';
import type { Model, World } from '../../resources/world.ts';
import type { Admission } from '../../throttle/admission.ts';
import { isV2Error, V2_ERROR_STATUS, V2_INJECTABLE_STATUS } from '../errors.ts';
import { v2StageKey } from '../names.ts';
import { V2_CALL_PREFIX, v2CallName, type V2CallName, type V2OperationName } from './call-names.ts';
import { createV2Seeds, type V2Seeds } from './seeds.ts';
import { matchRoute, parseTagArn, type V2Answer } from './operations.ts';

export const V2_PATH_PREFIX = '/v2/';
export const V2_SIGNING_NAME = 'apigateway';

/** An error the endpoint answers with before any operation runs, or one injected by a test. */
interface WireError {
  readonly name: string;
  readonly status: number;
  readonly message: string;
  readonly resourceType?: string;
}

/** One request the endpoint received, with its parsed body (to assert what a client sent). */
export interface V2RequestRecord {
  readonly operation: V2OperationName | 'Unknown';
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Model;
  /** The answer's HTTP status; 0 when a transport fault left the call unhandled. */
  readonly status: number;
  readonly errorType?: string;
  /** The transport fault the call met, as in the call log. */
  readonly transportFault?: TransportFault;
  readonly time: Date;
}

export interface ApiGatewayV2Hooks extends V2Seeds {
  /** Every request the V2 endpoint received, oldest first. */
  readonly requests: readonly V2RequestRecord[];
  clearRequests(): void;
}

export interface ApiGatewayV2Endpoint {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  readonly hooks: ApiGatewayV2Hooks;
}

export interface ApiGatewayV2Dependencies {
  readonly world: World;
  readonly knobs: EmulatorKnobs;
  readonly admission: Admission;
  /** The emulator's one fault injector, shared with Cloud Control (faults.ts). */
  readonly faults: FaultInjector;
  /** The latency to add to one call, as Cloud Control's calls get it (latency.ts, `callLatency`). */
  readonly latency: () => number;
  /** Offers an arriving call to the holds (RequestStore.holdCall); undefined when none caught it. */
  readonly holdCall: (call: ArrivingCall) => Promise<'released' | 'closed'> | undefined;
  /** Adds a call to the emulator's call record (`RunningEmulator.calls`) and releases holds. */
  readonly record: (call: CallRecord) => void;
}

export function isApiGatewayV2Request(request: IncomingMessage): boolean {
  return (request.url ?? '').startsWith(V2_PATH_PREFIX);
}

/** API Gateway's answers to unsigned or mis-scoped requests ("Missing Authentication Token"). */
function authorizationError(header: string | undefined): WireError | undefined {
  if (!header)
    return {
      name: 'MissingAuthenticationTokenException',
      status: 403,
      message: 'Missing Authentication Token',
    };
  const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(header);
  if (scope?.[1] !== V2_SIGNING_NAME)
    return {
      name: 'InvalidSignatureException',
      status: 403,
      message: `Credential should be scoped to correct service: '${V2_SIGNING_NAME}'. `,
    };
  return undefined;
}

function send(response: ServerResponse, answer: V2Answer | WireError, requestId: string): void {
  const headers: Record<string, string | number> = {
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
  };
  if ('name' in answer) {
    const body = JSON.stringify({
      message: answer.message,
      ...(answer.resourceType ? { resourceType: answer.resourceType } : {}),
    });
    response.writeHead(answer.status, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'x-amzn-ErrorType': answer.name,
    });
    response.end(body);
    return;
  }
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function parseJson(text: string): Model | undefined {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Model)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The identifier a call is recorded and matched under: the stage's `ApiId|StageName`, from the
 * path or from a tag ARN (`arn:aws:apigateway:REGION::/apis/ID/stages/NAME`); an API's id alone.
 */
function callIdentifier(params: Readonly<Record<string, string>>): string | undefined {
  const { apiId, stageName } = params.ResourceArn
    ? (parseTagArn(params.ResourceArn) ?? {})
    : { apiId: params.ApiId, stageName: params.StageName };
  if (!apiId) return undefined;
  return stageName ? v2StageKey(apiId, stageName) : apiId;
}

export function createApiGatewayV2Endpoint(deps: ApiGatewayV2Dependencies): ApiGatewayV2Endpoint {
  const { world, knobs, admission, faults } = deps;
  const requests: V2RequestRecord[] = [];

  function injected(call: V2CallName, identifier: string | undefined): WireError | undefined {
    const rule = faults.v2InjectedError(knobs.injectedErrors, call, identifier);
    if (!rule) return undefined;
    return {
      name: rule.errorName,
      status: V2_INJECTABLE_STATUS[rule.errorName],
      message: rule.message ?? `${rule.errorName} (injected by the emulator)`,
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = new Date();
    const requestId = randomUUID();
    const text = await readBody(request);
    const latencyMs = deps.latency();
    if (latencyMs > 0) await sleep(latencyMs);
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const matched = matchRoute(method, url.pathname);
    const body = parseJson(text);
    const denied = authorizationError(request.headers.authorization);
    const operation = matched?.route.operation ?? 'Unknown';
    const params = matched?.params ?? {};
    const identifier = callIdentifier(params);
    const typeName = matched?.route.typeName;
    const served = matched ? v2CallName(matched.route.operation) : undefined;

    const note = (status: number, errorType?: string, transportFault?: TransportFault): void => {
      requests.push({
        operation,
        method,
        path: url.pathname,
        params,
        body: body ?? {},
        status,
        ...(errorType ? { errorType } : {}),
        ...(transportFault ? { transportFault } : {}),
        time,
      });
      deps.record({
        // A request the endpoint does not serve is logged as `apigatewayv2:Unknown`.
        operation: served ?? `${V2_CALL_PREFIX}Unknown`,
        ...(typeName ? { typeName } : {}),
        ...(identifier ? { identifier } : {}),
        time,
        outcome: callOutcome(transportFault, errorType ?? 'ok'),
        httpStatus: status,
        latencyMs,
        ...(transportFault ? { transportFault } : {}),
      });
    };

    // A signed call the endpoint serves may meet the connection's faults and holds first, as
    // Cloud Control calls do (server.ts): `hang` is left open until the client gives up or the
    // emulator closes; `reset-before` resets it unhandled; a hold keeps it waiting, unhandled.
    const call = denied ? undefined : served;
    const transport = call
      ? faults.transportFault(knobs.transportFaults, call, {
          ...(typeName ? { typeName } : {}),
          ...(identifier ? { identifier } : {}),
        })?.fault
      : undefined;
    if (leavesUnhandled(transport)) {
      applyTransportFault(request.socket, transport);
      note(0, undefined, transport);
      return;
    }
    const held = call
      ? deps.holdCall({
          operation: call,
          ...(typeName ? { typeName } : {}),
          ...(identifier ? { identifier } : {}),
          requestId,
        })
      : undefined;
    if (held && (await held) === 'closed') return;

    const answer = ((): V2Answer | WireError => {
      if (denied) return denied;
      if (!matched || !call)
        return {
          name: 'NotFoundException',
          status: 404,
          message: `The emulator does not serve ${method} ${url.pathname}`,
        };
      const verdict = admission.admit(matched.route.write ? 'write' : 'read', Date.now(), knobs);
      if (verdict !== 'admitted')
        return { name: 'TooManyRequestsException', status: 429, message: 'Too Many Requests' };
      if (body === undefined)
        return { name: 'BadRequestException', status: 400, message: 'Invalid JSON body' };
      const fault = injected(call, identifier);
      if (fault) return fault;
      const result = matched.route.run({
        params: matched.params,
        query: url.searchParams,
        body,
        world,
        pageSize: Math.max(1, knobs.listPageSize),
        // A held call is handled when released, and its changes carry that time.
        now: held ? new Date() : time,
      });
      return isV2Error(result) ? { ...result, status: V2_ERROR_STATUS[result.name] } : result;
    })();
    // `reset-after`: the call was handled (its effect stays), and its answer is lost.
    if (!applyTransportFault(request.socket, transport)) send(response, answer, requestId);
    note(answer.status, 'name' in answer ? answer.name : undefined, transport);
  }

  return {
    handle,
    hooks: {
      requests,
      clearRequests: () => {
        requests.length = 0;
      },
      ...createV2Seeds(world),
    },
  };
}
