/**
 * Carries out one planned stage change through Cloud Control and says what happened: submit the
 * write with a deterministic client token, follow its ProgressEvent until it settles, recover by
 * the rules of src/retry/recovery-rules.ts within the stage's `RetryBudget`, then re-read the
 * stage and report drift from the plan. An update Cloud Control cannot make (an auto-deploy V2
 * stage) goes through API Gateway V2 instead (apigatewayv2-update.ts), and is read back the same
 * way. Every number it waits or counts by is in src/retry/policy.ts.
 */
import type { ProgressEvent, ResourceDescription } from '../aws/cloud-control-port.ts';
import type { PropertyDiff, StageChange, UpdateChange } from '../plan/types.ts';
import { awaitOperation, isSettled, sleepQuietly } from './await-operation.ts';
import { readStage } from '../aws/read-stages.ts';
import { canonicalJson } from '../plan/canonical-json.ts';
import { BackoffSequence, backoffCeiling, cappedRetryAfterNote } from '../retry/backoff.ts';
import { RetryBudget } from '../retry/budget.ts';
import { READ_AFTER_CREATE } from '../retry/policy.ts';
import {
  CANCELED_CODE,
  chooseRecovery,
  type RecoveryRule,
  type WriteFailure,
} from '../retry/recovery-rules.ts';
import { cancelRequest, readAfterCancel, type CancelOutcome } from './cancel-request.ts';
import { describeError } from './describe-error.ts';
import type { StageOutcome, StageOutcomeStatus } from './result.ts';
import type { NotOurs } from './options.ts';
import type { StageContext } from './stage-context.ts';
import { guardOlderCommit, type GuardVerdict } from './older-commit-guard.ts';
import { appliedCommit } from '../plan/ownership.ts';
import {
  isApiGatewayV2Update,
  updateThroughApiGateway,
  type RoutedProgress,
} from './apigatewayv2-update.ts';
import type { StageProperties } from '../model/stage.ts';
import { submitWrite, type WriteChange } from './submit-write.ts';
import { patchGuards } from './patch-guards.ts';
import { patchWithCommit } from './applied-commit-tag.ts';

/** A write either ends the stage or hands a failure to the recovery rules. */
type WriteResult =
  | { readonly kind: 'outcome'; readonly outcome: StageOutcome }
  | { readonly kind: 'failure'; readonly failure: WriteFailure };

/** What a refused update's new read said (`StageRun.guardRefused`). */
type GuardRefusal =
  | { readonly kind: 'not-moved' }
  | { readonly kind: 'replanned' }
  | { readonly kind: 'settled'; readonly outcome: StageOutcome };

function failureOf(event: ProgressEvent, replayed: boolean): WriteFailure {
  if (event.status === 'CANCEL_COMPLETE') {
    return {
      origin: 'async',
      code: CANCELED_CODE,
      message: event.statusMessage ?? 'The request was cancelled.',
      event,
    };
  }
  return {
    origin: 'async',
    code: event.errorCode ?? 'UnknownFailure',
    ...(event.statusMessage !== undefined && { message: event.statusMessage }),
    event,
    ...(replayed && { replayed }),
  };
}

/** Runs one stage to an outcome. Never throws: anything unexpected becomes a failed outcome. */
export async function executeStage(planned: StageChange, ctx: StageContext): Promise<StageOutcome> {
  if (planned.action !== 'no-op') await ctx.callSlots?.acquire('start');
  // Made once the stage holds its slot: its duration counts from its start, not its wait.
  const run = new StageRun(planned, ctx);
  try {
    return await run.execute();
  } catch (error) {
    const { code, message } = describeError(error);
    return run.finish('failed', { errorCode: code, statusMessage: message });
  } finally {
    if (planned.action !== 'no-op') ctx.callSlots?.release();
  }
}

/** The mutable state of one stage's execution. */
class StageRun {
  readonly planned: StageChange;
  readonly ctx: StageContext;
  readonly startedMs: number;
  readonly notes: string[] = [];
  /** The change being executed: the planned one, or what a re-plan returned. */
  change: StageChange;
  /** Client-token attempt number: each fresh submission takes the next; a `resend` reuses it. */
  attempt = 1;
  /** What the stage may still spend on resends, retries, replays and re-plans. */
  readonly budget: RetryBudget;
  /** Waits before resends and retries and while the stage is busy, on `RETRY_BACKOFF`. */
  readonly waits: BackoffSequence;
  /** When waiting for another operation on the stage must give up. */
  waitDeadline: number | undefined;
  requestToken: string | undefined;
  lastFailure: WriteFailure | undefined;
  /**
   * The re-read before writing, when it found the stage as planned (no re-plan): it may still
   * name another commit in its `stage-sync:commit` tag than the plan's read did. A re-plan's
   * change carries its own fresh read as `before`, and clears this.
   */
  freshRead: StageProperties | undefined;
  /** The change whose guarded patch was refused and checked against a new read (guardRefused). */
  guardsRechecked: StageChange | undefined;
  /**
   * The older-commit guard's verdict on the current change: looked up once, not on every resend
   * or retry of it; a re-plan's change (with its own read) clears it.
   */
  guardVerdict: GuardVerdict | undefined;
  /**
   * How far the current change's API Gateway V2 calls got before one failed: a resend picks up
   * at that call (apigatewayv2-update.ts `RoutedProgress`); a re-plan's change starts over.
   */
  routedProgress: RoutedProgress | undefined;

  constructor(planned: StageChange, ctx: StageContext) {
    this.planned = planned;
    this.ctx = ctx;
    this.startedMs = ctx.now();
    this.change = planned;
    this.budget = new RetryBudget(ctx.limits);
    this.waits = new BackoffSequence(ctx.retryBackoff, ctx.random, ctx.now);
  }

  async execute(): Promise<StageOutcome> {
    if (this.planned.action === 'no-op') return this.finish('unchanged');
    if (this.ctx.signal?.aborted) return this.finish('not-started');
    this.ctx.onProgress({
      type: 'started',
      name: this.planned.name,
      identifier: this.planned.identifier,
      action: this.planned.action,
      elapsedMs: this.ctx.now() - this.ctx.runStartedMs,
    });
    if (this.ctx.recheckBeforeWrite && !this.planReadIsFresh()) {
      const settled = await this.recheck();
      if (settled) return settled;
    }
    for (;;) {
      const change = this.change;
      if (change.action === 'no-op') return this.finish('unchanged');
      if (this.ctx.signal?.aborted) return this.stoppedBetweenRequests();
      const refused = await this.guardOlderCommit(change);
      if (refused) return refused;
      const result = await this.write(change);
      if (result.kind === 'outcome') return result.outcome;
      const moved = await this.guardRefused(change, result.failure);
      if (moved.kind === 'settled') return moved.outcome;
      if (moved.kind === 'replanned') continue;
      const settled = await this.recover(change, result.failure);
      if (settled) return settled;
    }
  }

  /**
   * The plan's patch was computed against `before`; if the stage changed since, re-plan it so
   * the write starts from what is live (README, "How the apply works").
   */
  private async recheck(): Promise<StageOutcome | undefined> {
    const change = this.change;
    if (change.action !== 'update' && change.action !== 'delete') return undefined;
    let live: ResourceDescription | undefined;
    try {
      live = await readStage(this.ctx.port, change.identifier, change.type);
    } catch (error) {
      const { code, message } = describeError(error);
      this.note(
        `could not re-read the stage before writing (${code}: ${message}); applied the plan as reviewed`,
      );
      return undefined;
    }
    if (live === undefined) {
      if (change.action === 'delete') {
        this.note('the stage was already gone');
        return this.finish('applied');
      }
      return this.replan('the stage disappeared after the plan: re-planned it');
    }
    this.freshRead = live.properties;
    if (canonicalJson(live.properties) === canonicalJson(change.before)) return undefined;
    if (this.ctx.compare(change.before, live.properties, change.type).length === 0) {
      // Moved only where the plan looks past (list order, entries it leaves to others): the
      // diffs hold, but the patch's positions are the plan read's (patch-guards.ts).
      if (change.action === 'delete') return undefined;
      return this.replan(
        'the stage’s lists moved in AWS after the plan (order, or entries the plan leaves alone): re-planned it against the re-read',
      );
    }
    return this.replan('the stage changed in AWS after the plan: re-read and re-planned it');
  }

  /**
   * An update refused as invalid may have been refused by its guards (patch-guards.ts): the stage
   * moved after the read the patch was computed from. Read it again: if it moved, re-plan from
   * what is live (the older-commit guard then sees the new read too); if not, the refusal was
   * the request's own, and the recovery rules decide. Once per change.
   */
  private async guardRefused(change: WriteChange, failure: WriteFailure): Promise<GuardRefusal> {
    const refusedAsInvalid =
      (failure.origin === 'sync' && failure.code === 'ValidationException') ||
      (failure.origin === 'async' && failure.code === 'InvalidRequest');
    if (change.action !== 'update' || !refusedAsInvalid || this.guardsRechecked === change)
      return { kind: 'not-moved' };
    const read = this.freshRead ?? change.before;
    if (patchGuards(patchWithCommit(change, read, this.ctx.commitSha), read).length === 0)
      return { kind: 'not-moved' };
    this.guardsRechecked = change;
    let live: ResourceDescription | undefined;
    try {
      live = await readStage(this.ctx.port, change.identifier, change.type);
    } catch {
      return { kind: 'not-moved' };
    }
    if (live !== undefined && canonicalJson(live.properties) === canonicalJson(read))
      return { kind: 'not-moved' };
    const settled = await this.replan(
      'the stage changed in AWS after it was read for this write, so the patch’s guards refused it: re-read and re-planned it',
      failure,
    );
    return settled ? { kind: 'settled', outcome: settled } : { kind: 'replanned' };
  }

  /**
   * Before an update or delete: a stage last applied from a newer commit is never overwritten
   * with our older specs (older-commit-guard.ts). Returns the failed outcome, or nothing to write.
   */
  private async guardOlderCommit(change: WriteChange): Promise<StageOutcome | undefined> {
    if (change.action === 'create') return undefined;
    if (this.guardVerdict === undefined) {
      const live = this.freshRead ?? change.before;
      // Nothing to look up (no tag, or our own commit): no reason to give up the call slot.
      const theirs = appliedCommit(live);
      if (theirs === undefined || theirs === this.ctx.commitSha) {
        this.guardVerdict = { kind: 'write' };
      } else {
        this.guardVerdict = await this.offSlot(() =>
          guardOlderCommit(live, this.ctx.commitSha, this.ctx.isOlderCommit),
        );
        if (this.guardVerdict.kind === 'write-unchecked') this.progressNote(this.guardVerdict.note);
      }
    }
    const verdict = this.guardVerdict;
    if (verdict.kind !== 'refuse') return undefined;
    return this.finish('failed', {
      errorCode: verdict.errorCode,
      statusMessage: verdict.statusMessage,
    });
  }

  /** The plan read this stage in this run, moments ago: its read stands in for a re-read. */
  private planReadIsFresh(): boolean {
    const { planReadAt, freshReadMs } = this.ctx;
    return planReadAt !== undefined && this.ctx.now() - planReadAt <= freshReadMs;
  }

  /** Submits the change and follows it; returns an outcome, or the failure to recover from. */
  private async write(change: WriteChange): Promise<WriteResult> {
    if (isApiGatewayV2Update(change)) return this.writeThroughApiGateway(change);
    let first: ProgressEvent;
    try {
      first = await submitWrite(this.ctx.port, change, this.freshRead, {
        repository: this.ctx.repository,
        commitSha: this.ctx.commitSha,
        attempt: this.attempt,
      });
    } catch (error) {
      const { code, message } = describeError(error);
      return { kind: 'failure', failure: { origin: 'sync', code, message } };
    }
    this.requestToken = first.requestToken;
    // Settled before any poll: Cloud Control returned an earlier request for this client token.
    const replayed = isSettled(first.status);
    const settlement = await this.offSlot(() =>
      awaitOperation(first, {
        port: this.ctx.port,
        polling: this.ctx.polling,
        timeoutMs: this.ctx.operationTimeoutMs,
        now: this.ctx.now,
        sleep: this.ctx.sleep,
        random: this.ctx.random,
        signal: this.ctx.signal,
        onNote: (note) => this.progressNote(note),
        durations: this.ctx.operationDurations,
      }),
    );
    switch (settlement.kind) {
      case 'settled':
        return this.settled(change, settlement.event, replayed);
      case 'timed-out': {
        const cancel = await this.cancel(change, settlement.event.requestToken);
        if (cancel.finished) return this.settled(change, cancel.finished);
        const after = await readAfterCancel(this.ctx.port, change, this.ctx.compare);
        if (after.asPlanned) {
          this.note(`cancelled after ${this.ctx.operationTimeoutMs / 1000} s, yet ${after.text}`);
          return { kind: 'outcome', outcome: this.finish('applied') };
        }
        const last = settlement.event.statusMessage ? `: ${settlement.event.statusMessage}` : '';
        return {
          kind: 'outcome',
          outcome: this.finish('failed', {
            errorCode: 'Timeout',
            statusMessage:
              `The request did not settle within ${this.ctx.operationTimeoutMs / 1000} s ` +
              `(last status ${settlement.event.status}${last}); ${cancel.note}; ${after.text}.`,
          }),
        };
      }
      case 'interrupted': {
        const cancel = await this.cancel(change, settlement.event.requestToken);
        if (cancel.finished) return this.settled(change, cancel.finished);
        this.note(cancel.note);
        const after = await readAfterCancel(this.ctx.port, change, this.ctx.compare);
        this.note(after.text);
        return { kind: 'outcome', outcome: this.finish(after.asPlanned ? 'applied' : 'in-flight') };
      }
      case 'poll-failed': {
        const { code, message } = describeError(settlement.error);
        return {
          kind: 'outcome',
          outcome: this.finish('failed', {
            errorCode: code,
            statusMessage: `Could not follow the request: ${message}`,
          }),
        };
      }
    }
  }

  /**
   * An update Cloud Control cannot make, made through API Gateway V2 (apigatewayv2-update.ts): no
   * operation to follow, then the same read-back as after any write.
   */
  private async writeThroughApiGateway(change: UpdateChange): Promise<WriteResult> {
    const routed = await updateThroughApiGateway(
      this.ctx.apiGatewayV2,
      change,
      this.freshRead ?? change.before,
      this.ctx.commitSha,
      this.routedProgress,
    );
    switch (routed.kind) {
      case 'applied':
        this.note(`updated through API Gateway V2: ${routed.made.join(', ')}`);
        return { kind: 'outcome', outcome: await this.verified(change) };
      case 'refused':
        return {
          kind: 'outcome',
          outcome: this.finish('failed', { errorCode: routed.code, statusMessage: routed.message }),
        };
      case 'failed':
        this.routedProgress = routed.progress;
        return { kind: 'failure', failure: routed.failure };
    }
  }

  private async settled(
    change: WriteChange,
    event: ProgressEvent,
    replayed = false,
  ): Promise<WriteResult> {
    if (event.status === 'SUCCESS')
      return { kind: 'outcome', outcome: await this.verified(change) };
    return { kind: 'failure', failure: failureOf(event, replayed) };
  }

  /** Applies the recovery rule for `failure`; returns an outcome when the stage is settled. */
  private async recover(
    change: WriteChange,
    failure: WriteFailure,
  ): Promise<StageOutcome | undefined> {
    this.lastFailure = failure;
    const rule = chooseRecovery(
      failure,
      change.action,
      this.ctx.runStartedMs,
      this.ctx.replaySkewMs,
    );
    if (rule.recovery !== 'fail' && rule.recovery !== 'done' && this.ctx.signal?.aborted) {
      return this.stoppedBetweenRequests();
    }
    switch (rule.recovery) {
      case 'fail':
        return this.failWith(failure);
      case 'done':
        this.note(rule.note);
        return this.finish('applied');
      case 'resend':
        if (!this.budget.take('resends')) return this.failWith(failure);
        this.progressNote(rule.note);
        await this.backoff(undefined);
        return undefined;
      case 'retry':
        return this.retry(rule, failure);
      case 'replan':
        return this.replan(rule.note, failure);
      case 'wait-and-replan': {
        const now = this.ctx.now();
        this.waitDeadline ??= now + this.ctx.operationTimeoutMs;
        if (now >= this.waitDeadline) {
          return this.failWith(failure, `still busy after ${this.ctx.operationTimeoutMs / 1000} s`);
        }
        this.progressNote(rule.note);
        await this.backoff(undefined, this.waitDeadline - now);
        if (this.ctx.signal?.aborted) return this.stoppedBetweenRequests();
        // Bounded by the wait deadline, not by maxReplans: each try is how we learn it is free.
        return this.replan(undefined, failure, false);
      }
    }
  }

  private async retry(
    rule: RecoveryRule,
    failure: WriteFailure,
  ): Promise<StageOutcome | undefined> {
    if (rule.budget === 'attempts') {
      if (!this.budget.take('attempts')) {
        return this.failWith(
          failure,
          `gave up after ${this.budget.spent('attempts') + 1} attempts`,
        );
      }
    } else if (!this.budget.take('replays')) {
      return this.failWith(failure);
    }
    this.attempt += 1;
    this.budget.newRequest();
    this.progressNote(rule.note);
    // A replayed or cancelled request says nothing about load: no reason to wait before redoing it.
    if (rule.budget === 'attempts') await this.backoff(failure.event?.retryAfter);
    return undefined;
  }

  /**
   * Re-reads and re-plans the stage through the caller's hook. A re-plan may turn a create into
   * an update or nothing, but never into a delete the reviewed plan did not contain.
   */
  private async replan(
    note: string | undefined,
    failure?: WriteFailure,
    counted = true,
  ): Promise<StageOutcome | undefined> {
    if (counted && !this.budget.take('replans')) {
      const replans = this.budget.spent('replans');
      return failure
        ? this.failWith(failure, `still unresolved after ${replans} re-plans`)
        : this.finish('failed', {
            errorCode: 'ReplanLimit',
            statusMessage: `The stage kept changing: re-planned ${replans} times.`,
          });
    }
    if (note) this.progressNote(note);
    let fresh: StageChange | NotOurs | undefined;
    try {
      fresh = await this.ctx.replan(this.planned.identifier);
    } catch (error) {
      const { code, message } = describeError(error);
      return this.finish('failed', {
        errorCode: 'ReplanFailed',
        statusMessage: `Re-planning the stage failed (${code}): ${message}`,
      });
    }
    if (fresh === undefined) {
      this.note('re-plan: nothing left to do');
      return this.finish(this.planned.action === 'delete' ? 'applied' : 'unchanged');
    }
    if ('notOurs' in fresh) {
      return this.finish('failed', {
        errorCode: 'ReplanRejected',
        statusMessage: `Re-planning found the stage ${fresh.notOurs ? `managed by ${fresh.notOurs}` : 'no longer managed by this repository'}; it was not deleted.`,
      });
    }
    if (fresh.identifier !== this.planned.identifier) {
      return this.finish('failed', {
        errorCode: 'ReplanMismatch',
        statusMessage: `Re-planning ${this.planned.identifier} returned a change for ${fresh.identifier}.`,
      });
    }
    if (fresh.action === 'delete' && this.planned.action !== 'delete') {
      return this.finish('failed', {
        errorCode: 'ReplanRejected',
        statusMessage: 'Re-planning proposed deleting a stage the reviewed plan did not delete.',
      });
    }
    // A stage another repository manages, or nobody does, appeared where the review saw none of
    // ours (a create that found it already there): taking it over is the next plan's to show.
    const reviewedTakeover = this.planned.action === 'update' && this.planned.takeover;
    if (fresh.action === 'update' && fresh.takeover && !reviewedTakeover) {
      const owner = fresh.takeover.from;
      return this.finish('failed', {
        errorCode: 'ReplanRejected',
        statusMessage: `Re-planning found the stage ${owner ? `managed by ${owner}` : 'managed by no repository'}; taking it over was not in the reviewed plan, so it was not written. The next plan shows the takeover for review.`,
      });
    }
    this.note(`re-planned as ${fresh.action}`);
    this.change = fresh;
    this.freshRead = undefined;
    this.guardVerdict = undefined;
    this.routedProgress = undefined;
    this.lastFailure = undefined;
    this.attempt += 1;
    this.budget.newRequest();
    return undefined;
  }

  /** SUCCESS: re-read what was written and compare it with the plan. */
  private async verified(change: WriteChange): Promise<StageOutcome> {
    if (change.action === 'delete') return this.finish('applied');
    if (this.ctx.signal?.aborted) {
      this.note('not re-read after the write: the run was stopped');
      return this.finish('applied');
    }
    let drift: readonly PropertyDiff[];
    try {
      const live = await this.readBack(change);
      if (live === undefined) this.note('the stage was not found when re-read after the write');
      drift = this.ctx.compare(change.after, live?.properties ?? {}, change.type);
    } catch (error) {
      const { code, message } = describeError(error);
      this.note(`not re-read after the write (${code}: ${message})`);
      return this.finish('applied');
    }
    return this.finish('applied', drift.length > 0 ? { drift } : {});
  }

  /** The run was aborted while no request of ours was running (waiting to retry or re-plan). */
  private stoppedBetweenRequests(): StageOutcome {
    this.note('the run was stopped before the next request');
    return this.lastFailure?.origin === 'async'
      ? this.failWith(this.lastFailure)
      : this.finish('not-started');
  }

  /**
   * The re-read after a successful write. After a create, GetResource can answer NotFound for a
   * moment (docs/reference/aws-recorded-behaviour.md fact 33), so a missing stage is read again a
   * few times (`READ_AFTER_CREATE`) before it counts as missing.
   */
  private async readBack(change: WriteChange): Promise<ResourceDescription | undefined> {
    let live = await readStage(this.ctx.port, change.identifier, change.type);
    if (change.action !== 'create') return live;
    for (let retry = 0; live === undefined && retry < READ_AFTER_CREATE.retries; retry += 1) {
      await this.offSlot(() =>
        sleepQuietly(this.ctx, backoffCeiling(READ_AFTER_CREATE.backoff, retry)),
      );
      if (this.ctx.signal?.aborted) break;
      live = await readStage(this.ctx.port, change.identifier, change.type);
    }
    return live;
  }

  /** Cancels the write's request (cancel-request.ts); notes when it had finished first. */
  private async cancel(change: WriteChange, requestToken: string): Promise<CancelOutcome> {
    const cancel = await cancelRequest(this.ctx.port, change, requestToken);
    if (cancel.finished)
      this.note(`finished (${cancel.finished.status}) before it could be cancelled`);
    return cancel;
  }

  private async backoff(retryAfter: Date | undefined, maxMs = Infinity): Promise<void> {
    const delay = this.waits.next(retryAfter);
    if (delay.askedMs !== undefined)
      this.progressNote(cappedRetryAfterNote(delay.askedMs, 'attempt'));
    await this.offSlot(() => sleepQuietly(this.ctx, Math.min(delay.ms, maxMs)));
  }

  /** Runs `wait` without holding a call slot (when the run keeps operations apart from slots). */
  private async offSlot<T>(wait: () => Promise<T>): Promise<T> {
    const slots = this.ctx.callSlots;
    if (!slots) return wait();
    slots.release();
    try {
      return await wait();
    } finally {
      await slots.acquire('resume');
    }
  }

  private failWith(failure: WriteFailure, why?: string): StageOutcome {
    if (why) this.note(why);
    return this.finish('failed', {
      errorCode: failure.code,
      ...(failure.message !== undefined && { statusMessage: failure.message }),
    });
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  private progressNote(text: string): void {
    this.note(text);
    this.ctx.onProgress({
      type: 'recovering',
      name: this.planned.name,
      identifier: this.planned.identifier,
      action: this.planned.action,
      note: text,
      elapsedMs: this.ctx.now() - this.ctx.runStartedMs,
    });
  }

  finish(
    status: StageOutcomeStatus,
    extra: Pick<StageOutcome, 'errorCode' | 'statusMessage' | 'drift'> = {},
  ): StageOutcome {
    return {
      name: this.planned.name,
      identifier: this.planned.identifier,
      action: this.planned.action,
      status,
      ...extra,
      ...(this.requestToken !== undefined && { requestToken: this.requestToken }),
      durationMs: this.ctx.now() - this.startedMs,
      ...(this.notes.length > 0 && { notes: [...this.notes] }),
      ...((this.routedProgress?.made.length ?? 0) > 0 && { wrote: true as const }),
    };
  }
}
