/**
 * API Gateway V2's own REST endpoint on the emulator's port, for clients that send stage updates
 * to API Gateway directly (`@aws-sdk/client-apigatewayv2` with `endpoint` or
 * `AWS_ENDPOINT_URL_APIGATEWAYV2` set to the emulator's URL). Everything under `/v2/` comes here;
 * the rest of the port is Cloud Control.
 *
 * Wire (restJson1, the SDK's `AwsRestJsonProtocol`): JSON bodies with camelCase members; errors
 * as `{"message": ...}` (NotFound adds `resourceType`) with the exception name in
 * `x-amzn-ErrorType`; SigV4 signing name `apigateway`. The emulator's knobs apply as they do to
 * Cloud Control: added latency, and the read/write token buckets and random throttling (API
 * Gateway's throttle answers 429 TooManyRequestsException "Too Many Requests", which the SDK
 * retries). Faults for these operations are injected with `ApiGatewayV2Hooks.injectedErrors`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallRecord } from '../../calls.ts';
import type { EmulatorKnobs } from '../../knobs.ts';
import { readBody } from '../../protocol/wire.ts';
import type { Model, World } from '../../resources/world.ts';
import type { Admission } from '../../throttle/admission.ts';
import { isV2Error, V2_ERROR_STATUS, type V2ErrorName } from '../errors.ts';
import { createV2Seeds, type V2Seeds } from './seeds.ts';
import { matchRoute, type V2Answer, type V2OperationName } from './operations.ts';

export const V2_PATH_PREFIX = '/v2/';
export const V2_SIGNING_NAME = 'apigateway';

/** An error the endpoint answers with before any operation runs, or one injected by a test. */
interface WireError {
  readonly name: string;
  readonly status: number;
  readonly message: string;
  readonly resourceType?: string;
}

/** Makes the endpoint answer an operation (or every one) with an error, like `injectedErrors`. */
export interface V2InjectedError {
  readonly errorName: V2ErrorName;
  readonly operation?: V2OperationName;
  readonly message?: string;
  /** Only the first N matching calls; forever when absent. */
  readonly times?: number;
}

/** One request the endpoint answered, with its parsed body (to assert what a client sent). */
export interface V2RequestRecord {
  readonly operation: V2OperationName | 'Unknown';
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Model;
  readonly status: number;
  readonly errorType?: string;
  readonly time: Date;
}

export interface ApiGatewayV2Hooks extends V2Seeds {
  /** Live list of injected errors: push and splice at any time. */
  readonly injectedErrors: V2InjectedError[];
  /** Every request the V2 endpoint answered, oldest first. */
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
  /** Adds a call to the emulator's call record (`RunningEmulator.calls`). */
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

function send(response: ServerResponse, answer: V2Answer | WireError): void {
  const headers: Record<string, string | number> = {
    'x-amzn-RequestId': randomUUID(),
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

export function createApiGatewayV2Endpoint(deps: ApiGatewayV2Dependencies): ApiGatewayV2Endpoint {
  const { world, knobs, admission } = deps;
  const injectedErrors: V2InjectedError[] = [];
  const fired = new WeakMap<V2InjectedError, number>();
  const requests: V2RequestRecord[] = [];

  function injected(operation: V2OperationName): WireError | undefined {
    const rule = injectedErrors.find(
      (candidate) =>
        (candidate.operation === undefined || candidate.operation === operation) &&
        (candidate.times === undefined || (fired.get(candidate) ?? 0) < candidate.times),
    );
    if (!rule) return undefined;
    fired.set(rule, (fired.get(rule) ?? 0) + 1);
    return {
      name: rule.errorName,
      status: V2_ERROR_STATUS[rule.errorName],
      message: rule.message ?? `${rule.errorName} (injected by the emulator)`,
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = new Date();
    const text = await readBody(request);
    const latencyMs = knobs.latencyMs;
    if (latencyMs > 0) await sleep(latencyMs);
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const matched = matchRoute(method, url.pathname);
    const body = parseJson(text);
    const answer = ((): V2Answer | WireError => {
      const denied = authorizationError(request.headers.authorization);
      if (denied) return denied;
      if (!matched)
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
      const fault = injected(matched.route.operation);
      if (fault) return fault;
      const result = matched.route.run({
        params: matched.params,
        query: url.searchParams,
        body,
        world,
        pageSize: Math.max(1, knobs.listPageSize),
        now: time,
      });
      return isV2Error(result) ? { ...result, status: V2_ERROR_STATUS[result.name] } : result;
    })();
    send(response, answer);
    const errorType = 'name' in answer ? answer.name : undefined;
    const operation = matched?.route.operation ?? 'Unknown';
    const params = matched?.params ?? {};
    requests.push({
      operation,
      method,
      path: url.pathname,
      params,
      body: body ?? {},
      status: answer.status,
      ...(errorType ? { errorType } : {}),
      time,
    });
    const identifier = [params.ApiId, params.StageName].filter(Boolean).join('|');
    deps.record({
      operation: `apigatewayv2:${operation}`,
      ...(matched ? { typeName: matched.route.typeName } : {}),
      ...(identifier ? { identifier } : {}),
      time,
      outcome: errorType ?? 'ok',
      httpStatus: answer.status,
      latencyMs,
    });
  }

  return {
    handle,
    hooks: {
      injectedErrors,
      requests,
      clearRequests: () => {
        requests.length = 0;
      },
      ...createV2Seeds(world),
    },
  };
}
