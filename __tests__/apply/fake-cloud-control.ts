/**
 * An in-memory, scriptable stand-in for Cloud Control, faithful to the semantics the apply relies
 * on: writes return IN_PROGRESS and settle later (by the fake clock), a repeated client token
 * returns the original request's current event (a different payload under it is a
 * ClientTokenConflictException), one non-terminal request per stage (ConcurrentOperationException
 * otherwise), delete of a missing stage settles FAILED NotFound, create of an existing one FAILED
 * AlreadyExists. Scripts override the natural outcome per stage and operation.
 */
import {
  CloudControlError,
  type CloudControlPort,
  type OperationStatus,
  type ProgressEvent,
  type ResourceDescription,
  type ResourceOperation,
} from '../../src/aws/cloud-control-port.ts';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import type { JsonPatchOperation } from '../../src/plan/types.ts';

type Props = Record<string, unknown>;

/** What one write does, overriding the natural behaviour. */
export type Behaviour =
  /** Refuse synchronously. */
  | { readonly kind: 'throw'; readonly code: string; readonly message?: string }
  /** Accept, then settle FAILED after `durationMs`. */
  | {
      readonly kind: 'fail';
      readonly errorCode: string;
      readonly statusMessage?: string;
      readonly durationMs?: number;
    }
  /** Accept, then settle SUCCESS after `durationMs`; `mutate` changes what AWS stores. */
  | {
      readonly kind: 'succeed';
      readonly durationMs?: number;
      readonly mutate?: (p: Props) => Props;
    }
  /** Accept and never settle. */
  | { readonly kind: 'hang' };

export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  readonly sleeps: number[];
}

/** A clock that jumps forward by each sleep; sleeps end at once when the signal is aborted. */
export function fakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let time = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    async sleep(ms: number, signal?: AbortSignal) {
      sleeps.push(ms);
      if (!signal?.aborted) time += ms;
      // Yield so other stages interleave, as real timers would let them.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

interface Request {
  readonly token: string;
  readonly clientToken: string | undefined;
  readonly payloadKey: string;
  readonly operation: ResourceOperation;
  readonly identifier: string;
  readonly settleAt: number;
  readonly outcome: 'SUCCESS' | 'FAILED' | 'HANG';
  readonly errorCode?: string;
  readonly statusMessage?: string;
  readonly effect: () => void;
  status: OperationStatus;
  eventTime: number;
  /** Our side has seen it settle (or cancelled it): no longer counted as in flight. */
  observed: boolean;
  retryAfterMs: number | undefined;
}

export interface Call {
  readonly method: string;
  readonly identifier?: string;
  readonly clientToken?: string;
  readonly requestToken?: string;
  readonly desiredState?: Props;
  readonly patch?: readonly JsonPatchOperation[];
}

const TYPE = 'AWS::ApiGateway::Stage';
const DEFAULT_DURATION_MS = 1_500;

export class FakeCloudControl implements CloudControlPort {
  readonly clock: FakeClock;
  readonly stages = new Map<string, Props>();
  readonly calls: Call[] = [];
  /** Write effects that actually happened (a replayed token adds nothing). */
  readonly executed: { operation: ResourceOperation; identifier: string }[] = [];
  maxInFlight = 0;
  /** Called on every port call, before it is handled: lets a test abort at an exact moment. */
  onCall: ((call: Call) => void) | undefined;
  /** Synchronous errors for getResourceRequestStatus, consumed one per poll. */
  readonly pollErrors: CloudControlError[] = [];
  /** RetryAfter (ms from now) put on every non-terminal event. */
  retryAfterMs: number | undefined;
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly requests = new Map<string, Request>();
  private readonly byClientToken = new Map<string, Request>();
  private nextToken = 1;

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  /** Queues behaviours for the next writes of `operation` on `identifier`. */
  script(identifier: string, operation: ResourceOperation, ...behaviours: Behaviour[]): this {
    const key = `${operation} ${identifier}`;
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...behaviours]);
    return this;
  }

  /** Another client's request holding the stage for `durationMs`, applying `effect` at the end. */
  startForeign(identifier: string, durationMs: number, effect: () => void = () => {}): void {
    this.register({
      clientToken: undefined,
      payloadKey: '',
      operation: 'UPDATE',
      identifier,
      behaviour: { kind: 'succeed', durationMs },
      effect,
    }).observed = true;
  }

  /** Replaces the stored stage (someone changing it in the console). */
  put(identifier: string, properties: Props): void {
    this.stages.set(identifier, structuredClone(properties));
  }

  async getResource(
    typeName: string,
    identifier: string,
  ): Promise<ResourceDescription | undefined> {
    this.record({ method: 'getResource', identifier });
    this.settleDue();
    const props = this.stages.get(identifier);
    return props ? { identifier, properties: structuredClone(props) } : undefined;
  }

  async listResources(): Promise<ResourceDescription[]> {
    throw new Error('listResources is not used by the apply');
  }

  async createResource(
    typeName: string,
    desiredState: Props,
    clientToken: string,
  ): Promise<ProgressEvent> {
    const identifier = `${String(desiredState.RestApiId)}|${String(desiredState.StageName)}`;
    this.record({ method: 'createResource', identifier, clientToken, desiredState });
    return this.write(
      'CREATE',
      identifier,
      clientToken,
      JSON.stringify(desiredState),
      (b) => {
        if (this.stages.has(identifier)) {
          return {
            kind: 'fail',
            errorCode: 'AlreadyExists',
            statusMessage: `Stage already exists (Service: ApiGateway, Status Code: 409)`,
          };
        }
        return b ?? { kind: 'succeed' };
      },
      (mutate) => this.stages.set(identifier, mutate(structuredClone(desiredState))),
    );
  }

  async updateResource(
    typeName: string,
    identifier: string,
    patch: readonly JsonPatchOperation[],
    clientToken: string,
  ): Promise<ProgressEvent> {
    this.record({ method: 'updateResource', identifier, clientToken, patch });
    return this.write(
      'UPDATE',
      identifier,
      clientToken,
      JSON.stringify(patch),
      (b) => {
        if (!this.stages.has(identifier)) {
          throw new CloudControlError(
            'ResourceNotFoundException',
            `Resource of type '${TYPE}' with identifier '${identifier}' was not found.`,
          );
        }
        return b ?? { kind: 'succeed' };
      },
      (mutate) => {
        const current = this.stages.get(identifier);
        if (current) this.stages.set(identifier, mutate(applyJsonPatch(current, patch)));
      },
    );
  }

  async deleteResource(
    typeName: string,
    identifier: string,
    clientToken: string,
  ): Promise<ProgressEvent> {
    this.record({ method: 'deleteResource', identifier, clientToken });
    return this.write(
      'DELETE',
      identifier,
      clientToken,
      '',
      (b) => {
        if (!this.stages.has(identifier)) {
          return {
            kind: 'fail',
            errorCode: 'NotFound',
            statusMessage: 'Invalid stage identifier specified',
          };
        }
        return b ?? { kind: 'succeed' };
      },
      () => this.stages.delete(identifier),
    );
  }

  async getResourceRequestStatus(requestToken: string): Promise<ProgressEvent> {
    this.record({ method: 'getResourceRequestStatus', requestToken });
    const error = this.pollErrors.shift();
    if (error) throw error;
    this.settleDue();
    const request = this.requests.get(requestToken);
    if (!request)
      throw new CloudControlError(
        'RequestTokenNotFoundException',
        `Request with token ${requestToken} was not found`,
      );
    if (isTerminal(request.status)) request.observed = true;
    return this.eventOf(request);
  }

  async cancelResourceRequest(requestToken: string): Promise<ProgressEvent> {
    this.record({ method: 'cancelResourceRequest', requestToken });
    this.settleDue();
    const request = this.requests.get(requestToken);
    if (!request)
      throw new CloudControlError(
        'RequestTokenNotFoundException',
        `Request with token ${requestToken} was not found`,
      );
    request.observed = true;
    if (!isTerminal(request.status)) {
      request.status = 'CANCEL_COMPLETE';
      request.eventTime = this.clock.now();
      return { ...this.eventOf(request), status: 'CANCEL_IN_PROGRESS' };
    }
    return this.eventOf(request);
  }

  /** Client tokens of the writes sent, in order. */
  clientTokens(method?: string): string[] {
    return this.calls
      .filter((c) => c.clientToken !== undefined && (method === undefined || c.method === method))
      .map((c) => c.clientToken as string);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private record(call: Call): void {
    this.calls.push(call);
    this.onCall?.(call);
  }

  private write(
    operation: ResourceOperation,
    identifier: string,
    clientToken: string,
    payloadKey: string,
    natural: (scripted: Behaviour | undefined) => Behaviour,
    effect: (mutate: (p: Props) => Props) => void,
  ): ProgressEvent {
    this.settleDue();
    const earlier = this.byClientToken.get(clientToken);
    if (earlier) {
      if (
        earlier.payloadKey !== payloadKey ||
        earlier.operation !== operation ||
        earlier.identifier !== identifier
      ) {
        throw new CloudControlError(
          'ClientTokenConflictException',
          `Client token ${clientToken} was used for another request`,
        );
      }
      return this.eventOf(earlier);
    }
    const scripted = this.scripts.get(`${operation} ${identifier}`)?.shift();
    if (scripted?.kind === 'throw') {
      throw new CloudControlError(scripted.code, scripted.message ?? `${scripted.code} (scripted)`);
    }
    const busy = [...this.requests.values()].some(
      (r) => r.identifier === identifier && !isTerminal(r.status),
    );
    if (busy) {
      throw new CloudControlError(
        'ConcurrentOperationException',
        'Another resource operation is currently being performed on this resource.',
      );
    }
    const behaviour = natural(scripted);
    const mutate =
      behaviour.kind === 'succeed' && behaviour.mutate ? behaviour.mutate : (p: Props) => p;
    const request = this.register({
      clientToken,
      payloadKey,
      operation,
      identifier,
      behaviour,
      effect: () => {
        effect(mutate);
        this.executed.push({ operation, identifier });
      },
    });
    const inFlight = [...this.requests.values()].filter((r) => !r.observed).length;
    this.maxInFlight = Math.max(this.maxInFlight, inFlight);
    return this.eventOf(request);
  }

  private register(input: {
    clientToken: string | undefined;
    payloadKey: string;
    operation: ResourceOperation;
    identifier: string;
    behaviour: Behaviour;
    effect: () => void;
  }): Request {
    const { behaviour } = input;
    const token = `req-${this.nextToken++}`;
    const request: Request = {
      token,
      clientToken: input.clientToken,
      payloadKey: input.payloadKey,
      operation: input.operation,
      identifier: input.identifier,
      settleAt:
        behaviour.kind === 'hang' || behaviour.kind === 'throw'
          ? Infinity
          : this.clock.now() + (behaviour.durationMs ?? DEFAULT_DURATION_MS),
      outcome:
        behaviour.kind === 'fail' ? 'FAILED' : behaviour.kind === 'hang' ? 'HANG' : 'SUCCESS',
      ...(behaviour.kind === 'fail' && { errorCode: behaviour.errorCode }),
      ...(behaviour.kind === 'fail' &&
        behaviour.statusMessage !== undefined && { statusMessage: behaviour.statusMessage }),
      effect: input.effect,
      status: 'IN_PROGRESS',
      eventTime: this.clock.now(),
      observed: false,
      retryAfterMs: this.retryAfterMs,
    };
    this.requests.set(token, request);
    if (input.clientToken !== undefined) this.byClientToken.set(input.clientToken, request);
    return request;
  }

  private settleDue(): void {
    for (const request of this.requests.values()) {
      if (request.status === 'IN_PROGRESS' && this.clock.now() >= request.settleAt) {
        request.status = request.outcome === 'FAILED' ? 'FAILED' : 'SUCCESS';
        request.eventTime = request.settleAt;
        if (request.status === 'SUCCESS') request.effect();
      }
    }
  }

  private eventOf(request: Request): ProgressEvent {
    const failed = request.status === 'FAILED';
    return {
      typeName: TYPE,
      identifier: request.identifier,
      requestToken: request.token,
      operation: request.operation,
      status: request.status,
      eventTime: new Date(request.eventTime),
      ...(failed && request.errorCode !== undefined && { errorCode: request.errorCode }),
      ...(failed &&
        request.statusMessage !== undefined && { statusMessage: request.statusMessage }),
      ...(!isTerminal(request.status) &&
        request.retryAfterMs !== undefined && {
          retryAfter: new Date(this.clock.now() + request.retryAfterMs),
        }),
    };
  }
}

function isTerminal(status: OperationStatus): boolean {
  return status === 'SUCCESS' || status === 'FAILED' || status === 'CANCEL_COMPLETE';
}
