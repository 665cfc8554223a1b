/**
 * The Cloud Control emulator: an HTTP server on 127.0.0.1 that the unmodified
 * `@aws-sdk/client-cloudcontrol` talks to (through `endpoint` or `AWS_ENDPOINT_URL_CLOUDCONTROL`).
 * This file wires the pieces: the wire protocol (protocol/), the knobs, throttling (throttle/),
 * fault injection, the request store (requests/), the operations and the resource types.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyTransportFault,
  callOutcome,
  leavesUnhandled,
  type CallRecord,
  type CallTarget,
} from './calls.ts';
import {
  createApiGatewayV2Endpoint,
  isApiGatewayV2Request,
  type ApiGatewayV2Hooks,
} from './apigatewayv2/rest/endpoint.ts';
import { handleControl, isControlRequest } from './control/routes.ts';
import { FaultInjector } from './faults.ts';
import {
  OPERATION_CLASS,
  resolveKnobs,
  type EmulatorKnobs,
  type KnobOverrides,
  type TransportFault,
} from './knobs.ts';
import { callLatency } from './latency.ts';
import { OPERATION_HANDLERS } from './operations/index.ts';
import type { EmulatorContext } from './operations/context.ts';
import { ServiceError, toWireError } from './protocol/errors.ts';
import { checkInput } from './protocol/input.ts';
import {
  checkAuthorization,
  operationOf,
  parseBody,
  readBody,
  sendJson,
  type OperationName,
} from './protocol/wire.ts';
import type { Hold, HoldOptions } from './requests/holds.ts';
import { CreationLag } from './requests/read-after-create.ts';
import { RequestStore } from './requests/request-store.ts';
import { RESOURCE_TYPES } from './resources/registry.ts';
import { DEPLOYMENT, deploymentId, REST_API, STAGE } from './resources/stage.ts';
import { isFailure } from './resources/types.ts';
import { World, type Model } from './resources/world.ts';
import { Admission } from './throttle/admission.ts';
import { seededRandom } from './throttle/prng.ts';

export type { CallRecord } from './calls.ts';
export type {
  EmulatorKnobs,
  HandlerFailureRule,
  InjectedErrorRule,
  V2InjectedErrorRule,
  CallClass,
  KnobOverrides,
  TransportFault,
  TransportFaultRule,
} from './knobs.ts';
export type { CallMatch, Hold, HoldMatch, HoldOptions } from './requests/holds.ts';

/** The region of calls that carry none, and of in-process reads (`getReadModel`). */
export const DEFAULT_REGION = 'us-east-1';

/** The address every emulator binds: loopback only. */
export const EMULATOR_HOST = '127.0.0.1';

export interface EmulatorOptions {
  /** TCP port; 0 (the default here) picks a free one. */
  readonly port?: number;
  /** Initial knobs; anything left out takes its default (see knobs.ts). */
  readonly knobs?: KnobOverrides;
  /** Called after every answered call (the CLI's `--log-calls`). */
  readonly onCall?: (call: CallRecord) => void;
}

export interface SeedRestApi {
  readonly RestApiId?: string;
  readonly Name?: string;
  readonly Description?: string;
}

export interface SeedDeployment {
  readonly DeploymentId?: string;
  readonly Description?: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: the SDK's `endpoint`. */
  readonly url: string;
  readonly port: number;
  /** The live knobs: change them at any time, they apply to the next call. */
  readonly knobs: EmulatorKnobs;
  /** Every call answered so far, oldest first. */
  readonly calls: readonly CallRecord[];
  clearCalls(): void;
  /** Seeds a REST API directly (no Cloud Control call); returns its id. */
  putRestApi(restApi?: SeedRestApi): string;
  /** Seeds a deployment, and its REST API when missing; returns the deployment id. */
  putDeployment(restApiId: string, deployment?: SeedDeployment): string;
  /**
   * Seeds a stage with `model` as its stored desired state (RestApiId, StageName and DeploymentId
   * required), creating its REST API and deployment when missing; returns its identifier.
   */
  putStage(model: Record<string, unknown>): string;
  /** The stored desired state of a resource, as last written. */
  getStoredModel(typeName: string, identifier: string): Record<string, unknown> | undefined;
  /**
   * What GetResource would return for a resource, or undefined when it does not exist; `region`
   * (default us-east-1) is the region a call would be signed for (fact 30: account throttles).
   */
  getReadModel(
    typeName: string,
    identifier: string,
    region?: string,
  ): Record<string, unknown> | undefined;
  /**
   * Holds the writes that match `options.match` in progress until the hold is released, by
   * `release()` or right after the emulator answers a call that matches `options.releaseAfter`
   * (requests/holds.ts). Also over HTTP: `POST /_emulator/holds` (control/routes.ts).
   */
  hold(options?: HoldOptions): Hold;
  /** Finishes every in-flight write now, as if its duration had passed (held ones stay held). */
  completeInFlight(): void;
  /** API Gateway V2 (HTTP and WebSocket APIs): seeds, "the API changed", its REST endpoint's log. */
  readonly apiGatewayV2: ApiGatewayV2Hooks;
  close(): Promise<void>;
}

function sdkTypeName(input: Record<string, unknown>): string | undefined {
  return typeof input.TypeName === 'string' ? input.TypeName : undefined;
}

/** Starts an emulator on 127.0.0.1 and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const knobs = resolveKnobs(options.knobs);
  const world = new World(knobs.seed);
  const requests = new RequestStore(Date.now, randomUUID);
  const admission = new Admission(knobs.seed);
  const faults = new FaultInjector();
  const creationLag = new CreationLag();
  const base = { world, requests, knobs, faults, types: RESOURCE_TYPES, creationLag };
  const latencyRandom = seededRandom(knobs.seed ^ 0x1a7e);
  const calls: CallRecord[] = [];
  /** Records an answered call (Cloud Control's or a V2 one) and lets it release holds. */
  function recordCall(call: CallRecord): void {
    calls.push(call);
    requests.noteAnswered(call);
    options.onCall?.(call);
  }
  const apiGatewayV2 = createApiGatewayV2Endpoint({
    world,
    knobs,
    admission,
    faults,
    // From the same seeded draws as Cloud Control calls, so a seed repeats a mixed run too.
    latency: () => callLatency(knobs, latencyRandom),
    holdCall: (call) => requests.holdCall(call),
    record: recordCall,
  });

  interface Answer {
    readonly status: number;
    readonly body: unknown;
    readonly operation: string;
    readonly latencyMs: number;
    readonly transportFault?: TransportFault;
  }

  async function answer(request: IncomingMessage, target: CallTarget): Promise<Answer> {
    let operation = String(request.headers['x-amz-target'] ?? '');
    let latencyMs = 0;
    try {
      latencyMs = callLatency(knobs, latencyRandom);
      const text = await readBody(request);
      if (latencyMs > 0) await sleep(latencyMs);
      const { region } = checkAuthorization(request.headers.authorization);
      const context: EmulatorContext = { ...base, region };
      const name = operationOf(request.headers['x-amz-target'] as string | undefined);
      operation = name;
      const input = parseBody(text);
      const typeName = sdkTypeName(input);
      if (typeName) target.typeName = typeName;
      if (typeof input.Identifier === 'string') target.identifier = input.Identifier;
      // Known before handling, so a call that is never handled is still recorded with it.
      if (typeof input.RequestToken === 'string') target.requestToken = input.RequestToken;
      if (typeof input.ClientToken === 'string') target.clientToken = input.ClientToken;
      const transport = faults.transportFault(knobs.transportFaults, name, target)?.fault;
      if (leavesUnhandled(transport)) {
        return { status: 0, body: {}, operation, latencyMs, transportFault: transport };
      }
      const handled = handleCall(name, input, typeName, target, context);
      return transport
        ? { ...handled, operation, latencyMs, transportFault: transport }
        : { ...handled, operation, latencyMs };
    } catch (error) {
      const serviceError =
        error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error));
      const wire = toWireError(serviceError, knobs.serverFaultStatus);
      return { status: wire.status, body: wire.body, operation, latencyMs };
    }
  }

  /** Admission, validation, injected errors and the operation itself: what AWS decides. */
  function handleCall(
    name: OperationName,
    input: Record<string, unknown>,
    typeName: string | undefined,
    target: CallTarget,
    context: EmulatorContext,
  ): { status: number; body: unknown } {
    try {
      if (admission.admit(OPERATION_CLASS[name], Date.now(), knobs) !== 'admitted') {
        throw new ServiceError('ThrottlingException', 'Rate exceeded');
      }
      checkInput(name, input);
      const injected = faults.injectedError(knobs.injectedErrors, name, {
        ...(typeName ? { typeName } : {}),
        ...(typeof input.Identifier === 'string' ? { identifier: input.Identifier } : {}),
      });
      if (injected)
        throw new ServiceError(
          injected.errorName,
          injected.message ?? `${injected.errorName} (injected by the emulator)`,
        );
      return { status: 200, body: OPERATION_HANDLERS[name](input, context, target) };
    } catch (error) {
      const serviceError =
        error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error));
      const wire = toWireError(serviceError, knobs.serverFaultStatus);
      return { status: wire.status, body: wire.body };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = new Date();
    const requestId = randomUUID();
    const target: CallTarget = {};
    const { status, body, operation, latencyMs, transportFault } = await answer(request, target);
    // A hung call is left open: the client's timeout, or close(), ends it.
    if (!applyTransportFault(request.socket, transportFault)) {
      sendJson(response, status, body, requestId);
    }
    const errorType = (body as { __type?: string }).__type;
    recordCall({
      operation,
      ...target,
      time,
      outcome: callOutcome(
        transportFault,
        status === 200 || !errorType ? 'ok' : (errorType.split('#')[1] ?? errorType),
      ),
      httpStatus: status,
      latencyMs,
      ...(transportFault ? { transportFault } : {}),
    });
  }

  const control = {
    hold: (holdOptions: HoldOptions = {}) => requests.hold(holdOptions),
    holdById: (id: string) => requests.holdById(id),
    completeInFlight: () => requests.completeAll(),
  };

  const server = createServer((request, response) => {
    const served = isControlRequest(request)
      ? handleControl(request, response, control)
      : isApiGatewayV2Request(request)
        ? apiGatewayV2.handle(request, response)
        : handle(request, response);
    served.catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, EMULATOR_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  function putRestApi(restApi: SeedRestApi = {}): string {
    const id = restApi.RestApiId ?? world.newId(10);
    world.put(REST_API, id, {
      RootResourceId: world.newId(10),
      Name: id,
      ...restApi,
      RestApiId: id,
    });
    return id;
  }

  function putDeployment(restApiId: string, deployment: SeedDeployment = {}): string {
    if (!world.has(REST_API, restApiId)) putRestApi({ RestApiId: restApiId });
    const id = deployment.DeploymentId ?? world.newId(6);
    world.put(DEPLOYMENT, deploymentId(id, restApiId), {
      ...deployment,
      DeploymentId: id,
      RestApiId: restApiId,
    });
    return id;
  }

  function putStage(model: Record<string, unknown>): string {
    const { RestApiId, StageName, DeploymentId } = model;
    if (
      typeof RestApiId !== 'string' ||
      typeof StageName !== 'string' ||
      typeof DeploymentId !== 'string'
    ) {
      throw new Error('putStage needs string RestApiId, StageName and DeploymentId');
    }
    if (!world.has(DEPLOYMENT, deploymentId(DeploymentId, RestApiId))) {
      putDeployment(RestApiId, { DeploymentId });
    }
    const identifier = `${RestApiId}|${StageName}`;
    world.put(STAGE, identifier, model as Model);
    return identifier;
  }

  function getReadModel(
    typeName: string,
    identifier: string,
    region = DEFAULT_REGION,
  ): Record<string, unknown> | undefined {
    const type = RESOURCE_TYPES.get(typeName);
    if (!type) return undefined;
    const values = identifier.split('|');
    const parts = Object.fromEntries(
      type.primaryIdentifier.map((name, i) => [name, values[i] ?? '']),
    );
    const model = type.read(world, parts, { region, knobs });
    return isFailure(model) ? undefined : model;
  }

  return {
    url: `http://${EMULATOR_HOST}:${port}`,
    port,
    knobs,
    calls,
    clearCalls: () => {
      calls.length = 0;
    },
    putRestApi,
    putDeployment,
    putStage,
    getStoredModel: (typeName, identifier) => world.get(typeName, identifier),
    getReadModel,
    hold: control.hold,
    completeInFlight: control.completeInFlight,
    apiGatewayV2: apiGatewayV2.hooks,
    close: async () => {
      requests.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
