/**
 * Cloud Control's resource-operation requests and their asynchronous lifecycle.
 *
 * A write starts `IN_PROGRESS` and finishes after the configured duration whether or not anybody
 * polls: its handler runs then, and the request becomes `SUCCESS` or `FAILED`. `EventTime` is the
 * time of the latest state change, not of the request (observed on a real S3 delete: IN_PROGRESS
 * and SUCCESS carry different times; notes 1.4). A cancel moves a pending request to
 * `CANCEL_IN_PROGRESS`, and it ends `CANCEL_COMPLETE` when it would have finished; its handler's
 * effect lands or not as the request says (`effectsSurviveCancel`). Client tokens make writes
 * idempotent; one request at a time may run per resource. Holds (holds.ts) keep chosen requests
 * running until a test releases them.
 */
import type { HandlerErrorCode } from '../protocol/errors.ts';
import {
  callMatches,
  HoldState,
  type AnsweredCall,
  type ArrivingCall,
  type Hold,
  type HoldOptions,
} from './holds.ts';

export type ResourceOperation = 'CREATE' | 'UPDATE' | 'DELETE';
export type OperationStatus =
  'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'CANCEL_IN_PROGRESS' | 'CANCEL_COMPLETE';

const TERMINAL: ReadonlySet<OperationStatus> = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL.has(status);
}

/** What a handler reports when a write finishes. */
export type HandlerOutcome =
  | {
      readonly status: 'SUCCESS';
      readonly identifier: string;
      readonly resourceModel?: Record<string, unknown>;
    }
  | {
      readonly status: 'FAILED';
      readonly errorCode: HandlerErrorCode;
      readonly statusMessage: string;
      readonly identifier?: string;
    };

export interface ResourceRequest {
  readonly requestToken: string;
  /** Arrival order, for listing newest first. */
  readonly sequence: number;
  readonly typeName: string;
  identifier?: string;
  readonly operation: ResourceOperation;
  status: OperationStatus;
  /** Time of the latest state change, ms since the epoch. */
  eventTime: number;
  /** When the request is expected to finish, ms; absent once terminal. */
  retryAfter?: number;
  resourceModel?: Record<string, unknown>;
  statusMessage?: string;
  errorCode?: HandlerErrorCode;
  readonly clientToken?: string;
  /** Everything that makes two writes "the same request" for ClientToken idempotency. */
  readonly fingerprint: string;
}

export interface StartRequest {
  readonly typeName: string;
  readonly identifier?: string;
  readonly operation: ResourceOperation;
  readonly clientToken?: string;
  readonly fingerprint: string;
  readonly durationMs: number;
  /**
   * How far after the start its events' `RetryAfter` lies; absent: at the expected finish. For
   * tests of a client's cap on a far `RetryAfter` (one a day ahead was seen).
   */
  readonly retryAfterMs?: number;
  /** The handler, run when the request finishes. */
  readonly work: () => HandlerOutcome;
  /**
   * Whether the handler's effect lands even when the request is cancelled (fact 11 of
   * docs/reference/aws-recorded-behaviour.md: "a cancel ... will not cause it to revert what it
   * did so far"); the request still ends CANCEL_COMPLETE.
   */
  readonly effectsSurviveCancel?: boolean;
}

export interface RequestFilter {
  readonly operations?: readonly string[];
  readonly statuses?: readonly string[];
}

/** Longest delay a Node timer takes; longer durations wait for `completeAll()`. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function lockKey(typeName: string, identifier: string): string {
  return `${typeName}\u0000${identifier}`;
}

export class RequestStore {
  private readonly byToken = new Map<string, ResourceRequest>();
  private readonly byClient = new Map<string, ResourceRequest>();
  private readonly running = new Map<string, ResourceRequest>();
  private readonly pending = new Map<
    ResourceRequest,
    {
      work: () => HandlerOutcome;
      timer?: NodeJS.Timeout;
      /** When its duration has passed, ms: from then on it is finished, timer or not. */
      dueAt?: number;
      effectsSurviveCancel: boolean;
    }
  >();
  private readonly holdStates = new Set<HoldState>();
  private readonly holdsById = new Map<string, HoldState>();
  /** Held requests whose time has come: they finish when their last hold is released. */
  private readonly due = new Set<ResourceRequest>();
  private holdCount = 0;
  private sequence = 0;
  /** Resolves when the store closes, which ends the wait of every held V2 call. */
  private readonly closed: Promise<'closed'>;
  private markClosed: () => void = () => undefined;
  private readonly now: () => number;
  private readonly newToken: () => string;

  constructor(now: () => number, newToken: () => string) {
    this.now = now;
    this.newToken = newToken;
    this.closed = new Promise((resolve) => (this.markClosed = () => resolve('closed')));
  }

  /** Starts a write: `IN_PROGRESS` now, finished by its handler after `durationMs`. */
  start(input: StartRequest): ResourceRequest {
    const now = this.now();
    const finite = Number.isFinite(input.durationMs) && input.durationMs < MAX_TIMER_MS;
    // A write that never finishes on its own has no expected finish to point RetryAfter at.
    const retryAfterMs = input.retryAfterMs ?? (finite ? input.durationMs : undefined);
    const request: ResourceRequest = {
      requestToken: this.newToken(),
      sequence: (this.sequence += 1),
      typeName: input.typeName,
      operation: input.operation,
      status: 'IN_PROGRESS',
      eventTime: now,
      fingerprint: input.fingerprint,
      ...(input.identifier !== undefined ? { identifier: input.identifier } : {}),
      ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
      ...(retryAfterMs !== undefined ? { retryAfter: now + Math.max(0, retryAfterMs) } : {}),
    };
    this.byToken.set(request.requestToken, request);
    if (input.clientToken !== undefined) this.byClient.set(input.clientToken, request);
    if (input.identifier !== undefined)
      this.running.set(lockKey(input.typeName, input.identifier), request);
    const timer = finite
      ? setTimeout(() => this.finish(request), Math.max(0, input.durationMs))
      : undefined;
    this.pending.set(request, {
      work: input.work,
      effectsSurviveCancel: input.effectsSurviveCancel ?? false,
      ...(timer ? { timer, dueAt: now + Math.max(0, input.durationMs) } : {}),
    });
    for (const hold of this.holdStates) hold.offer(request);
    return request;
  }

  /**
   * Holds the writes that match `options.match` (and a running request named by `requestToken`)
   * in progress until the hold is released; see holds.ts.
   */
  hold(options: HoldOptions = {}): Hold {
    const hold = new HoldState(`hold-${(this.holdCount += 1)}`, options, (released) =>
      this.released(released),
    );
    this.holdStates.add(hold);
    this.holdsById.set(hold.id, hold);
    for (const request of this.pending.keys()) hold.offer(request);
    return hold;
  }

  /**
   * Offers an arriving V2 call to the active holds (holds.ts). When one catches it, resolves
   * `released` once every hold that caught it is released, or `closed` if the emulator closes
   * first; when none does, answers undefined and the call goes on at once.
   */
  holdCall(call: ArrivingCall): Promise<'released' | 'closed'> | undefined {
    if (this.holdStates.size === 0) return undefined;
    // Offering a call changes no hold's membership, so the set is walked as it is.
    const catching: HoldState[] = [];
    for (const hold of this.holdStates) if (hold.offerCall(call)) catching.push(hold);
    if (catching.length === 0) return undefined;
    const released = Promise.all(catching.map((hold) => hold.released)).then(
      () => 'released' as const,
    );
    return Promise.race([released, this.closed]);
  }

  /** The hold with this id, active or released. */
  holdById(id: string): Hold | undefined {
    return this.holdsById.get(id);
  }

  /** Releases the holds waiting for a call like `call`, which the emulator has just answered. */
  noteAnswered(call: AnsweredCall): void {
    for (const hold of [...this.holdStates]) {
      if (hold.releaseAfter && callMatches(hold.releaseAfter, call)) hold.release(call);
    }
  }

  private isHeld(request: ResourceRequest): boolean {
    return [...this.holdStates].some((hold) => hold.holds(request));
  }

  private released(hold: HoldState): void {
    this.holdStates.delete(hold);
    for (const request of hold.requests) {
      if (this.due.has(request) && !this.isHeld(request)) {
        this.due.delete(request);
        this.finish(request);
      }
    }
  }

  get(requestToken: string): ResourceRequest | undefined {
    this.finishDue();
    return this.byToken.get(requestToken);
  }

  /** The request an earlier write with this ClientToken started. */
  byClientToken(clientToken: string): ResourceRequest | undefined {
    this.finishDue();
    return this.byClient.get(clientToken);
  }

  /** The unfinished request on a resource, if any (ConcurrentOperationException). */
  inFlight(typeName: string, identifier: string): ResourceRequest | undefined {
    this.finishDue();
    return this.running.get(lockKey(typeName, identifier));
  }

  /**
   * Finishes the requests whose duration has passed although their timer has not fired yet: a
   * timer fires a few ms late, after a poll that arrived in the same turn of the event loop,
   * and that poll would otherwise see IN_PROGRESS past the RetryAfter the request named.
   */
  private finishDue(): void {
    const now = this.now();
    for (const [request, { dueAt }] of this.pending) {
      if (dueAt !== undefined && dueAt <= now && !this.due.has(request)) this.finish(request);
    }
  }

  /** Moves a pending request to CANCEL_IN_PROGRESS; terminal requests are left as they are. */
  cancel(request: ResourceRequest): void {
    if (request.status !== 'PENDING' && request.status !== 'IN_PROGRESS') return;
    request.status = 'CANCEL_IN_PROGRESS';
    request.eventTime = this.now();
  }

  /** Finishes every unfinished request now, as if its duration had passed (held ones when released). */
  completeAll(): void {
    for (const request of [...this.pending.keys()]) this.finish(request);
  }

  /** Stops all timers; unfinished requests stay as they are. */
  close(): void {
    for (const { timer } of this.pending.values()) if (timer) clearTimeout(timer);
    this.pending.clear();
    this.holdStates.clear();
    this.due.clear();
    this.markClosed();
  }

  /**
   * Requests newest first, filtered (each filter list means "any of"), one page at a time. The
   * page token is the sequence number to continue below, so new requests do not shift pages.
   */
  list(
    filter: RequestFilter,
    maxResults: number,
    after?: number,
  ): { requests: ResourceRequest[]; next?: number } {
    this.finishDue();
    const selected = [...this.byToken.values()]
      .filter((request) => after === undefined || request.sequence < after)
      .filter(
        (request) => !filter.operations?.length || filter.operations.includes(request.operation),
      )
      .filter((request) => !filter.statuses?.length || filter.statuses.includes(request.status))
      .sort((a, b) => b.sequence - a.sequence);
    const page = selected.slice(0, maxResults);
    const last = page[page.length - 1];
    return selected.length > maxResults && last
      ? { requests: page, next: last.sequence }
      : { requests: page };
  }

  private finish(request: ResourceRequest): void {
    const entry = this.pending.get(request);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    if (this.isHeld(request)) {
      this.due.add(request);
      return;
    }
    this.pending.delete(request);
    if (request.status === 'CANCEL_IN_PROGRESS') {
      if (entry.effectsSurviveCancel) this.runHandler(entry.work);
      request.status = 'CANCEL_COMPLETE';
    } else {
      this.applyOutcome(request, this.runHandler(entry.work));
    }
    request.eventTime = Math.max(this.now(), request.eventTime + 1);
    delete request.retryAfter;
    if (request.identifier !== undefined) {
      const key = lockKey(request.typeName, request.identifier);
      if (this.running.get(key) === request) this.running.delete(key);
    }
  }

  private runHandler(work: () => HandlerOutcome): HandlerOutcome {
    try {
      return work();
    } catch (error) {
      return { status: 'FAILED', errorCode: 'InternalFailure', statusMessage: String(error) };
    }
  }

  private applyOutcome(request: ResourceRequest, outcome: HandlerOutcome): void {
    request.status = outcome.status;
    if (outcome.identifier !== undefined && request.identifier === undefined)
      request.identifier = outcome.identifier;
    if (outcome.status === 'SUCCESS') {
      if (outcome.resourceModel) request.resourceModel = outcome.resourceModel;
    } else {
      request.errorCode = outcome.errorCode;
      request.statusMessage = outcome.statusMessage;
    }
  }
}
