/**
 * Holds: a test's control over when a write finishes. A hold catches the writes that match it
 * while it is active, and a caught write stays `IN_PROGRESS` (or `CANCEL_IN_PROGRESS`) past its
 * duration until the hold is released: by `release()`, or right after the emulator has answered a
 * call that matches `releaseAfter`. So "the other operation is still running when the action
 * writes" is true by construction, however slow the machine is, instead of by timing.
 *
 * API Gateway V2's REST calls are synchronous, so a hold catches them differently: a hold whose
 * `operation` names a V2 call (`apigatewayv2:UpdateStage`, or `apigatewayv2:*`) catches each such
 * call as it arrives, before it is handled, and the call waits unanswered until the hold is
 * released; then it is handled and answered (its effect lands even if the client gave up
 * meanwhile). Only such holds catch V2 calls, and they catch no Cloud Control write.
 */
import {
  v2CallMatches,
  type V2CallMatch,
  type V2CallName,
} from '../apigatewayv2/rest/call-names.ts';
import type { ResourceOperation, ResourceRequest } from './request-store.ts';

/** Which writes (or V2 calls) a hold catches; every field left out matches anything. */
export interface HoldMatch {
  readonly typeName?: string;
  readonly identifier?: string;
  /** A Cloud Control write's operation, or a V2 call (the only way to hold V2 calls). */
  readonly operation?: ResourceOperation | V2CallMatch;
  readonly clientToken?: string;
  /** A request that is already running: caught at once if it has not finished. */
  readonly requestToken?: string;
}

/** A call, as the emulator answered it, that releases a hold; fields left out match anything. */
export interface CallMatch {
  /** The Cloud Control operation (`UpdateResource`). */
  readonly operation?: string;
  readonly typeName?: string;
  readonly identifier?: string;
  /** `ok` or the exception name the call was answered with (`ConcurrentOperationException`). */
  readonly outcome?: string;
  /** The write's ClientToken (a replay of an earlier request carries the same one). */
  readonly clientToken?: string;
  /** The request token the call named or was answered with. */
  readonly requestToken?: string;
}

export interface HoldOptions {
  readonly match?: HoldMatch;
  readonly releaseAfter?: CallMatch;
}

/** The call fields a release condition looks at. */
export interface AnsweredCall {
  readonly operation: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly outcome: string;
  readonly clientToken?: string;
  readonly requestToken?: string;
}

export interface Hold {
  readonly id: string;
  readonly match: HoldMatch;
  readonly releaseAfter?: CallMatch;
  /** `holding` until released; a released hold catches nothing more. */
  readonly state: 'holding' | 'released';
  /** Request tokens of the writes this hold caught (request ids of V2 calls), oldest first. */
  readonly caught: readonly string[];
  /** The call that released the hold, when `releaseAfter` did. */
  readonly releasedBy?: AnsweredCall;
  /** Resolves once the hold is released. */
  readonly released: Promise<void>;
  /** Releases the hold: caught writes whose time has come finish now, the others on time. */
  release(): void;
}

function fits(match: HoldMatch, request: ResourceRequest): boolean {
  return (
    (match.typeName === undefined || match.typeName === request.typeName) &&
    (match.identifier === undefined || match.identifier === request.identifier) &&
    (match.operation === undefined || match.operation === request.operation) &&
    (match.clientToken === undefined || match.clientToken === request.clientToken) &&
    (match.requestToken === undefined || match.requestToken === request.requestToken)
  );
}

/** A V2 call on its way in, as a hold sees it. */
export interface ArrivingCall {
  readonly operation: V2CallName;
  readonly typeName?: string;
  readonly identifier?: string;
  /** The `x-amzn-RequestId` the call will be answered with: how `caught` lists it. */
  readonly requestId: string;
}

function fitsCall(match: HoldMatch, call: ArrivingCall): boolean {
  return (
    v2CallMatches(match.operation, call.operation) &&
    (match.typeName === undefined || match.typeName === call.typeName) &&
    (match.identifier === undefined || match.identifier === call.identifier) &&
    match.clientToken === undefined &&
    match.requestToken === undefined
  );
}

/** Whether an answered call is the one a hold waits for. */
export function callMatches(match: CallMatch, call: AnsweredCall): boolean {
  return (
    (match.operation === undefined || match.operation === call.operation) &&
    (match.typeName === undefined || match.typeName === call.typeName) &&
    (match.identifier === undefined || match.identifier === call.identifier) &&
    (match.outcome === undefined || match.outcome === call.outcome) &&
    (match.clientToken === undefined || match.clientToken === call.clientToken) &&
    (match.requestToken === undefined || match.requestToken === call.requestToken)
  );
}

/** One hold's state; the store owns it and exposes it as a `Hold`. */
export class HoldState implements Hold {
  readonly id: string;
  readonly match: HoldMatch;
  readonly releaseAfter?: CallMatch;
  state: 'holding' | 'released' = 'holding';
  releasedBy?: AnsweredCall;
  readonly requests = new Set<ResourceRequest>();
  /** Request ids of the V2 calls caught. */
  readonly calls: string[] = [];
  readonly released: Promise<void>;
  private readonly onRelease: (hold: HoldState) => void;
  private resolve: () => void = () => undefined;

  constructor(id: string, options: HoldOptions, onRelease: (hold: HoldState) => void) {
    this.id = id;
    this.match = options.match ?? {};
    if (options.releaseAfter) this.releaseAfter = options.releaseAfter;
    this.onRelease = onRelease;
    this.released = new Promise((resolve) => (this.resolve = resolve));
  }

  get caught(): readonly string[] {
    return [...[...this.requests].map((request) => request.requestToken), ...this.calls];
  }

  /** Catches the V2 call `call` if this hold is active and matches it; says whether it did. */
  offerCall(call: ArrivingCall): boolean {
    if (this.state !== 'holding' || !fitsCall(this.match, call)) return false;
    this.calls.push(call.requestId);
    return true;
  }

  /** Catches `request` if this hold is active and matches it. */
  offer(request: ResourceRequest): void {
    if (this.state === 'holding' && fits(this.match, request)) this.requests.add(request);
  }

  holds(request: ResourceRequest): boolean {
    return this.state === 'holding' && this.requests.has(request);
  }

  release(by?: AnsweredCall): void {
    if (this.state === 'released') return;
    this.state = 'released';
    if (by) this.releasedBy = by;
    this.onRelease(this);
    this.resolve();
  }
}
