export const id = 957;
export const ids = [957];
export const modules = {

/***/ 3957:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCloudControlPort: () => (/* binding */ createCloudControlPort)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudcontrol/dist-cjs/index.js
var dist_cjs = __webpack_require__(9871);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/aws/cloud-control-port.ts
var cloud_control_port = __webpack_require__(4738);
// EXTERNAL MODULE: ./src/retry/error-codes.ts
var error_codes = __webpack_require__(1143);
// EXTERNAL MODULE: ./src/retry/policy.ts
var policy = __webpack_require__(5710);
;// CONCATENATED MODULE: ./src/retry/hedged-read.ts
/**
 * A read sent again when it has been outstanding far longer than this class's reads take, and
 * whichever answer comes first is the answer ("hedged requests": Dean and Barroso, "The Tail at
 * Scale", CACM 56(2), 2013, https://cacm.acm.org/research/the-tail-at-scale/). Only idempotent
 * reads are hedged (GetResource and GetResourceRequestStatus, each class with its own hedger):
 * sending one twice changes nothing in AWS.
 *
 * Why: a plan's reads are rate-bound, so one read drawing a tail of several seconds (the handler
 * calls API Gateway) costs nothing while other reads keep the rate busy, but at the end of a
 * batch the run waits for it alone; and each update of an apply waits for its own status poll
 * and read-back, so a slow one delays that stage's end (bench/README.md, "Hedged reads").
 *
 * The rule (numbers in `HEDGE`, policy.ts): a read whose current attempt has been out to AWS
 * longer than the `quantile` of AWS's latency over the last `window` answered reads (each timed
 * from its answering attempt going out to its answer; once `minSamples` have answered; never
 * before `minAfterMs`) is sent once more, and the slower of the two is aborted when the other
 * answers. The time a read waits for its pacer slot, or for a retry after a throttle, is neither
 * hedged nor counted: it is the rate's doing, and a second copy would wait for the same rate. A
 * hedge is sent only while the class has spare room, that is fewer reads outstanding than it has
 * carried at once: while the caller keeps every slot busy the rate is what binds, and a hedge
 * would take a token a waiting read needs; at the tail of a batch it takes one nobody wants.
 * Hedges stay within `maxShare` of the reads sent.
 */

class ReadHedger {
    clock;
    tuning;
    /** AWS's latency (ms) for the latest answered reads, oldest first. */
    durations = [];
    outstanding = 0;
    mostOutstanding = 0;
    reads = 0;
    hedgesSent = 0;
    /** Reads past their tail waiting for spare room: woken whenever a read ends. */
    roomWaiters = [];
    constructor(clock, tuning = {}) {
        this.clock = clock;
        this.tuning = { ...policy/* HEDGE */.CV, ...tuning };
    }
    /** Hedges sent so far. */
    get hedges() {
        return this.hedgesSent;
    }
    /** Sends the read, hedging it as the rule says. */
    async run(send) {
        this.reads += 1;
        this.outstanding += 1;
        this.mostOutstanding = Math.max(this.mostOutstanding, this.outstanding);
        try {
            const first = this.attempt(send);
            const after = this.hedgeAfterMs();
            let answer;
            const early = after === undefined
                ? await first.settled
                : ((await this.untilTail(first, after)) ?? (await this.untilRoom(first)));
            if (early !== undefined)
                answer = { ...early, from: first };
            else {
                this.hedgesSent += 1;
                const second = this.attempt(send);
                const winner = await Promise.race([
                    first.settled.then((settled) => ({ settled, from: first, loser: second })),
                    second.settled.then((settled) => ({ settled, from: second, loser: first })),
                ]);
                winner.loser.abort.abort();
                answer = { ...winner.settled, from: winner.from };
            }
            const wireAt = answer.from.wireAt();
            if (wireAt !== undefined)
                this.record(this.clock.now() - wireAt);
            if (answer.ok)
                return answer.value;
            throw answer.error;
        }
        finally {
            this.outstanding -= 1;
            for (const wake of this.roomWaiters.splice(0))
                wake();
        }
    }
    /**
     * The answer, if it comes before the hedge may go; `undefined` once it may (spare room and
     * budget). A read past its tail while every slot is busy waits for another read to end, so the
     * last reads of a batch are hedged as soon as the batch thins out.
     */
    async untilRoom(copy) {
        while (!this.mayHedge()) {
            if (!this.withinBudget())
                return copy.settled;
            // Looked at a turn of the event loop after the read ended: a caller with more to read
            // starts its next read in the promise jobs of the one that ended, and that is no room.
            const room = new Promise((resolve) => this.roomWaiters.push(resolve)).then(() => new Promise((resolve) => setImmediate(() => resolve('room'))));
            const next = await Promise.race([copy.settled, room]);
            if (next !== 'room')
                return next;
        }
        return undefined;
    }
    /**
     * The answer, if it comes before the copy's current attempt has been out to AWS for `after`;
     * `undefined` once it has. A retry of the copy (throttled, say) restarts the wait: what a
     * hedge cuts short is AWS's latency, not the pacer's spacing of a retry.
     */
    async untilTail(copy, after) {
        for (;;) {
            const wireAt = copy.wireAt();
            const timer = new AbortController();
            const next = await Promise.race([
                copy.settled,
                copy.nextWire().then(() => 'retried'),
                ...(wireAt === undefined
                    ? []
                    : [
                        this.clock.sleep(Math.max(0, wireAt + after - this.clock.now()), timer.signal).then(() => 'tail', () => 'tail'),
                    ]),
            ]);
            timer.abort();
            if (next === 'tail')
                return undefined;
            if (next !== 'retried')
                return next;
        }
    }
    /** The wait before a hedge: the window's quantile, once enough reads have answered. */
    hedgeAfterMs() {
        if (this.durations.length < this.tuning.minSamples)
            return undefined;
        const sorted = [...this.durations].sort((a, b) => a - b);
        const index = Math.min(sorted.length - 1, Math.floor(this.tuning.quantile * sorted.length));
        return Math.max(this.tuning.minAfterMs, sorted[index]);
    }
    /** Spare room (fewer reads outstanding than carried at once) and budget left. */
    mayHedge() {
        return this.outstanding < this.mostOutstanding && this.withinBudget();
    }
    withinBudget() {
        return this.hedgesSent + 1 <= this.tuning.maxShare * this.reads;
    }
    record(ms) {
        this.durations.push(ms);
        if (this.durations.length > this.tuning.window)
            this.durations.shift();
    }
    attempt(send) {
        const abort = new AbortController();
        let wireAt;
        let wired = () => undefined;
        let nextWire = new Promise((resolve) => (wired = resolve));
        const onWire = () => {
            wireAt = this.clock.now();
            const resolve = wired;
            nextWire = new Promise((next) => (wired = next));
            resolve();
        };
        const settled = Promise.resolve()
            .then(() => send(abort.signal, onWire))
            .then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
        return { abort, settled, wireAt: () => wireAt, nextWire: () => nextWire };
    }
}

// EXTERNAL MODULE: ./src/aws/sdk-client-config.ts + 2 modules
var sdk_client_config = __webpack_require__(7875);
;// CONCATENATED MODULE: ./src/aws/cloud-control-client.ts
/**
 * CloudControlPort over the real @aws-sdk/client-cloudcontrol. The endpoint comes from the SDK's
 * standard configuration (AWS_ENDPOINT_URL_CLOUDCONTROL reaches the bundled emulator) unless
 * given explicitly.
 *
 * This adapter is layer 1 of the retry policy (src/retry/policy.ts): one SDK client per call
 * class (reads, writes, status polls), each with its own `RequestPacer` behind a
 * `PacedRetryStrategy` (src/retry/), so throttled status polls never slow reads; every attempt
 * bounded by `CALL_TIMEOUTS`; a call that got no answer at all named `TRANSPORT_ERROR`.
 */






function parseModel(text) {
    return text ? JSON.parse(text) : undefined;
}
function toProgressEvent(event) {
    if (!event?.RequestToken)
        throw new cloud_control_port/* CloudControlError */.B('InvalidResponse', 'Cloud Control returned no ProgressEvent');
    const resourceModel = parseModel(event.ResourceModel);
    return {
        typeName: event.TypeName ?? '',
        requestToken: event.RequestToken,
        operation: event.Operation,
        status: event.OperationStatus,
        ...(event.Identifier ? { identifier: event.Identifier } : {}),
        ...(event.EventTime ? { eventTime: event.EventTime } : {}),
        ...(resourceModel ? { resourceModel } : {}),
        ...(event.StatusMessage ? { statusMessage: event.StatusMessage } : {}),
        ...(event.ErrorCode ? { errorCode: event.ErrorCode } : {}),
        ...(event.RetryAfter ? { retryAfter: event.RetryAfter } : {}),
    };
}
/** SDK exceptions become CloudControlError with the wire exception name as `code`. */
async function call(what, send) {
    try {
        return await send();
    }
    catch (error) {
        // Service errors carry `$fault`; the SDK also puts `$metadata` on transport errors
        // (ECONNREFUSED, resets, timed-out or aborted attempts), which are not AWS's answer.
        if (error instanceof dist_cjs/* CloudControlServiceException */.Ti ||
            (error instanceof Error && '$fault' in error)) {
            throw new cloud_control_port/* CloudControlError */.B(error.name, `${what}: ${error.message}`);
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new cloud_control_port/* CloudControlError */.B(error_codes/* TRANSPORT_ERROR */.pz, `${what}: ${message}`);
    }
}
/**
 * Tells `onWire` each time an attempt of `command` goes out to AWS: a middleware of the
 * `deserialize` step runs once per attempt, after the retry strategy (and so the pacer) has let
 * it through (step order in @smithy/types `Step`). The middleware passes its arguments through
 * untouched, so GetResource's typing serves both commands.
 */
function reportingWire(command, onWire) {
    if (!onWire)
        return command;
    command.middlewareStack.add((next) => (args) => {
        onWire();
        return next(args);
    }, { step: 'deserialize', priority: 'low', name: 'stageSyncReportWire' });
    return command;
}
function createCloudControlPort(options = {}) {
    const client = () => new dist_cjs/* CloudControlClient */.iU((0,sdk_client_config/* sdkClientConfig */.k)(options, options.retryMode));
    const reads = client();
    const writes = client();
    const status = client();
    // GetResource and GetResourceRequestStatus are idempotent: one still outstanding at the tail
    // of a batch is sent again (src/retry/hedged-read.ts). The SDK's own retry modes, measured as
    // contrast, go without.
    const hedger = () => (options.retryMode ?? 'paced') === 'paced'
        ? new ReadHedger({ now: Date.now, sleep: (ms, signal) => (0,promises_.setTimeout)(ms, undefined, { signal }) })
        : undefined;
    const readHedger = hedger();
    const statusHedger = hedger();
    return {
        async getResource(typeName, identifier) {
            try {
                const read = (abortSignal, onWire) => reads.send(reportingWire(new dist_cjs/* GetResourceCommand */.s1({ TypeName: typeName, Identifier: identifier }), onWire), abortSignal ? { abortSignal } : {});
                const output = await (readHedger ? readHedger.run(read) : read());
                const description = output.ResourceDescription;
                return {
                    identifier: description?.Identifier ?? identifier,
                    properties: parseModel(description?.Properties) ?? {},
                };
            }
            catch (error) {
                if (error instanceof Error && error.name === 'ResourceNotFoundException')
                    return undefined;
                return call(`GetResource ${identifier}`, () => Promise.reject(error));
            }
        },
        async listResources(typeName, resourceModel) {
            const found = [];
            let nextToken;
            do {
                const page = await call(`ListResources ${typeName}`, () => reads.send(new dist_cjs/* ListResourcesCommand */.TK({
                    TypeName: typeName,
                    ...(resourceModel ? { ResourceModel: JSON.stringify(resourceModel) } : {}),
                    ...(nextToken ? { NextToken: nextToken } : {}),
                })));
                for (const description of page.ResourceDescriptions ?? []) {
                    found.push({
                        identifier: description.Identifier ?? '',
                        properties: parseModel(description.Properties) ?? {},
                    });
                }
                nextToken = page.NextToken ?? undefined;
            } while (nextToken);
            return found;
        },
        async createResource(typeName, desiredState, clientToken) {
            const output = await call(`CreateResource ${typeName}`, () => writes.send(new dist_cjs/* CreateResourceCommand */.U4({
                TypeName: typeName,
                DesiredState: JSON.stringify(desiredState),
                ClientToken: clientToken,
            })));
            return toProgressEvent(output.ProgressEvent);
        },
        async updateResource(typeName, identifier, patch, clientToken) {
            const output = await call(`UpdateResource ${identifier}`, () => writes.send(new dist_cjs/* UpdateResourceCommand */.z$({
                TypeName: typeName,
                Identifier: identifier,
                PatchDocument: JSON.stringify(patch),
                ClientToken: clientToken,
            })));
            return toProgressEvent(output.ProgressEvent);
        },
        async deleteResource(typeName, identifier, clientToken) {
            const output = await call(`DeleteResource ${identifier}`, () => writes.send(new dist_cjs/* DeleteResourceCommand */.pN({
                TypeName: typeName,
                Identifier: identifier,
                ClientToken: clientToken,
            })));
            return toProgressEvent(output.ProgressEvent);
        },
        async getResourceRequestStatus(requestToken, callOptions = {}) {
            const poll = (hedgeSignal, onWire) => {
                const signals = [callOptions.signal, hedgeSignal].filter((s) => s !== undefined);
                return status.send(reportingWire(new dist_cjs/* GetResourceRequestStatusCommand */.JR({ RequestToken: requestToken }), onWire), signals.length > 0 ? { abortSignal: AbortSignal.any(signals) } : {});
            };
            const output = await call(`GetResourceRequestStatus ${requestToken}`, () => statusHedger ? statusHedger.run(poll) : poll());
            return toProgressEvent(output.ProgressEvent);
        },
        async cancelResourceRequest(requestToken) {
            const output = await call(`CancelResourceRequest ${requestToken}`, () => writes.send(new dist_cjs/* CancelResourceRequestCommand */.Z4({ RequestToken: requestToken })));
            return toProgressEvent(output.ProgressEvent);
        },
    };
}


/***/ }),

/***/ 7875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ sdkClientConfig)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/retry/policy.ts
var policy = __webpack_require__(5710);
;// CONCATENATED MODULE: ./src/retry/paced-retry-strategy.ts
/**
 * The SDK retry strategy of the Cloud Control adapter (layer 1 of policy.ts): every attempt,
 * first or retry, goes through a `RequestPacer`, and the pacer learns from each answer. It has the
 * shape of the SDK's `RetryStrategyV2` (acquireInitialRetryToken / refreshRetryTokenForRetry /
 * recordSuccess), so it plugs into `new CloudControlClient({ retryStrategy })` and the SDK keeps
 * doing the classifying (`ThrottlingException` by name, 429, 5xx, resets and timed-out attempts
 * as TRANSIENT; docs/reference/cloudcontrol-notes.md §1.9).
 *
 * Throttled calls are retried through the pacer after a short backoff of their own
 * (`CALL_BACKOFF.throttling`), up to `CALL_ATTEMPTS.throttled`: the pacer lowers the rate for the
 * whole class, and the backoff only keeps one call from spending all its attempts in the few
 * round trips the pacer needs to learn. Transport and server errors keep the SDK standard mode's
 * backoff and at most `CALL_ATTEMPTS.other` attempts, since they say nothing about rate. A
 * server's `Retry-After` is honoured up to `RETRY_AFTER_CAP_MS`.
 */

/** One call's retry state, as the SDK's retry middleware reads it. */
class PacedRetryToken {
    retryCount;
    /** When the pacer let the latest attempt through. */
    sentAt;
    constructor(retryCount, sentAt) {
        this.retryCount = retryCount;
        this.sentAt = sentAt;
    }
    getRetryCount() {
        return this.retryCount;
    }
    /** The strategy has already waited; the middleware adds no delay of its own. */
    getRetryDelay() {
        return 0;
    }
}
class PacedRetryStrategy {
    options;
    limits;
    random;
    constructor(options) {
        this.options = options;
        this.random = options.random ?? Math.random;
        this.limits = {
            throttlingAttempts: Math.max(1, options.maxAttempts),
            otherAttempts: Math.min(Math.max(1, options.maxAttempts), policy/* CALL_ATTEMPTS */.C.other),
        };
    }
    /** The SDK's `maxAttempts` provider reads this for its `amz-sdk-request` header. */
    get maxAttempts() {
        return this.limits.throttlingAttempts;
    }
    async acquireInitialRetryToken(_scope) {
        return new PacedRetryToken(0, await this.options.pacer.acquire());
    }
    /** Waits before the next attempt, or throws to let the SDK surface the last error. */
    async refreshRetryTokenForRetry(token, error) {
        const { pacer } = this.options;
        const attempts = token.getRetryCount() + 1;
        const throttling = error.errorType === 'THROTTLING';
        if (throttling)
            pacer.throttled(token.sentAt);
        else
            pacer.admitted(token.sentAt);
        const retryable = throttling || error.errorType === 'TRANSIENT' || error.errorType === 'SERVER_ERROR';
        const limit = throttling ? this.limits.throttlingAttempts : this.limits.otherAttempts;
        if (!retryable || attempts >= limit)
            throw new Error('Not retryable, or no attempts left');
        const backoff = policy/* CALL_BACKOFF */.eD[throttling ? 'throttling' : 'other'];
        const ceiling = Math.min(backoff.capMs, backoff.baseMs * backoff.factor ** (attempts - 1));
        const hintMs = error.retryAfterHint ? error.retryAfterHint.getTime() - this.options.now() : 0;
        await this.options.sleep(Math.max(Math.floor(this.random() * ceiling), Math.min(hintMs, policy/* RETRY_AFTER_CAP_MS */._Y)));
        return new PacedRetryToken(attempts, await pacer.acquire());
    }
    recordSuccess(token) {
        this.options.pacer.admitted(token.sentAt);
    }
}

;// CONCATENATED MODULE: ./src/retry/request-pacer.ts
/**
 * Client-side pacing for one class of Cloud Control calls (reads, writes or status polls), learnt
 * from throttling. AWS publishes no Cloud Control rate (docs/reference/cloudcontrol-notes.md §4), so
 * a pacer starts unlimited and, once throttled, sends at a limit derived from what the service
 * admits.
 *
 * Why not the SDK's `adaptive` retry mode: its CUBIC limiter sets the new rate from a measured
 * send rate that is still 0 during its first half-second bucket, so a throttle early in a run
 * drops it to its floor of 0.5 calls/s, from where it climbs back slowly (DefaultRateLimiter in
 * @smithy/core's util-retry: `cubicThrottle(measuredTxRate)`, `minFillRate` 0.5). On the
 * benchmarks (bench/README.md) that made 300 paced reads slower than reading one at a time.
 *
 * The rule. Answers are judged in rounds of `roundSize` (the first of `firstRoundSize`), counting
 * only calls sent since the round began, so one overload is answered once. Per round: the share
 * `s` of throttled answers, the attempted rate `t`, and the admitted rate `a = (1 − s) × t`.
 *
 * - **Unbounded** (the start): a round with more than `tolerableThrottleShare` throttled is an
 *   overload; the class becomes *bounded* and its limit is cut to
 *   `max(floor, a × boundedHeadroom, cutFactor × t)`: from the estimate of what AWS admits, not
 *   above it. Any other round raises a finite limit by `growthFactor` and lifts it once it is
 *   far above what the class sends. Random throttling below the tolerable share never cuts.
 * - **Bounded**: every round with a throttled call follows the admitted rate the same way (the
 *   limit only goes down there); a round with none raises the limit by `probeFactor`, faster
 *   while rounds stay calm. So the class sends at about what AWS admits, and about one call in
 *   twenty is refused, where the first design sent 1.5 times that (bench/README.md).
 * - **Released**: throttling that does not follow the rate (AWS busy elsewhere refuses a share
 *   of calls at any rate) sinks a bounded limit by that share every round. Once it has fallen
 *   below `leaveBoundedBelow` of the class's entry rate, the class was not rate-bound: it is
 *   unbounded again at the limit it entered with, and from then on only two overloaded rounds in
 *   a row bound it (a single round past a third happens by chance under random throttling).
 *
 * The burst. AWS limits a class with a token bucket (API Gateway's control plane: 10 requests/s
 * with a burst of 40, docs/reference/cloudcontrol-notes.md §4), which fills while the class is
 * idle. A pacer that only spaced calls at the limit would leave that head start unused, as when
 * an apply's read-backs follow the plan's reads a few seconds later. So a finite limit is a
 * token bucket too: time it leaves unused earns calls that may go at once, up to a burst learnt
 * from the first overload (the calls AWS admitted before it first throttled one, less what its
 * bucket refilled meanwhile at the learnt rate). Each throttle says the bucket is empty, so the
 * head start is spent only where AWS's bucket had time to refill. A class whose bucket is one
 * call learns a burst of about one; an overestimate costs a few throttles after an idle spell.
 * Measured: a 40-call batch 4 s after a 300-call one takes 0.55 s instead of 4.1 s against a
 * bucket of 10/s and 40 (`__tests__/retry/request-pacer.test.ts`).
 */

/** The tuning a pacer uses unless a test passes its own (policy.ts explains each value). */
const PACER_DEFAULTS = policy/* PACER_TUNING */.of;
class RequestPacer {
    tuning;
    clock;
    /** Calls per second; Infinity until a round shows too many throttles. */
    limitPerSecond = Number.POSITIVE_INFINITY;
    /** The earliest time the next call may be sent at the limit's spacing. */
    nextSlot = 0;
    /**
     * Calls that may go at once, ahead of that spacing: earned while the class sent less than its
     * limit, up to the learnt burst less one (request-pacer.ts header, "The burst").
     */
    credit = 0;
    /** What the first overload says about AWS's bucket (request-pacer.ts header, "The burst"). */
    firstOverload = new BurstEvidence();
    round;
    roundsJudged = 0;
    /** Set while the class is bounded: the admitted rate it entered with, and its limit then. */
    bounded;
    /** Rounds in a row without a throttled answer while bounded. */
    calmRounds = 0;
    /** Whether the class was once released: it then needs two overloaded rounds in a row. */
    released = false;
    lastRoundOverloaded = false;
    constructor(clock, tuning = {}) {
        this.clock = clock;
        this.tuning = { ...PACER_DEFAULTS, ...tuning };
    }
    /** The current limit in calls per second (Infinity while unlimited). */
    get limit() {
        return this.limitPerSecond;
    }
    /** Whether the class is known to be rate-bound (request-pacer.ts header). */
    get isBounded() {
        return this.bounded !== undefined;
    }
    /**
     * Waits for the next free slot under the limit and counts the attempt. Resolves with the time
     * the call was let through; pass it back with the answer.
     */
    async acquire() {
        let now = this.clock.now();
        this.firstOverload.sent(now);
        if (Number.isFinite(this.limitPerSecond)) {
            this.earnCredit(now);
            if (this.credit >= 1)
                this.credit -= 1;
            else {
                const slot = Math.max(now, this.nextSlot);
                this.nextSlot = slot + 1000 / this.limitPerSecond;
                if (slot > now) {
                    await this.clock.sleep(slot - now);
                    now = this.clock.now();
                }
            }
        }
        this.round ??= newRound(now);
        this.round.attempts += 1;
        return now;
    }
    /** The size of AWS's bucket as the first overload measured it, at the current limit's rate. */
    burst() {
        return this.firstOverload.burst(this.limitPerSecond / this.tuning.boundedHeadroom);
    }
    /** The service answered a call sent at `sentAt` (with a result or an error other than throttling). */
    admitted(sentAt) {
        this.firstOverload.admitted(sentAt);
        const round = this.currentRound(sentAt);
        if (!round)
            return;
        round.admitted += 1;
        this.maybeEndRound(round, this.clock.now());
    }
    /** The service throttled a call sent at `sentAt`. */
    throttled(sentAt) {
        this.firstOverload.throttled(sentAt);
        this.bucketEmpty(this.clock.now());
        const round = this.currentRound(sentAt);
        if (!round)
            return;
        round.throttled += 1;
        this.maybeEndRound(round, this.clock.now());
    }
    /** The round an answer counts in; answers to calls sent before it began are old news. */
    currentRound(sentAt) {
        const round = this.round;
        return round && sentAt >= round.startedAt ? round : undefined;
    }
    /** Time the class left unused at its limit is credit, as AWS's bucket refilled meanwhile. */
    earnCredit(now) {
        if (now <= this.nextSlot)
            return;
        const unused = ((now - this.nextSlot) * this.limitPerSecond) / 1000;
        this.credit = Math.min(this.burst() - 1, this.credit + unused);
        this.nextSlot = now;
    }
    /** A throttle says AWS's bucket is empty: no call goes ahead of the spacing until it refills. */
    bucketEmpty(now) {
        this.nextSlot = Math.max(this.nextSlot, now);
        this.credit = 0;
    }
    maybeEndRound(round, now) {
        const answered = round.admitted + round.throttled;
        const size = this.roundsJudged === 0 ? this.tuning.firstRoundSize : this.tuning.roundSize;
        if (answered < size)
            return;
        this.roundsJudged += 1;
        this.round = newRound(now);
        const seconds = Math.max(1, now - round.startedAt) / 1000;
        const attemptedRate = round.attempts / seconds;
        const share = round.throttled / answered;
        const admittedRate = (1 - share) * attemptedRate;
        const overloaded = share > this.tuning.tolerableThrottleShare;
        const overloadedBefore = this.lastRoundOverloaded;
        this.lastRoundOverloaded = overloaded;
        if (this.bounded)
            this.judgeBounded(share, attemptedRate, admittedRate, this.bounded);
        else if (overloaded && (!this.released || overloadedBefore)) {
            this.limitPerSecond = Math.min(this.limitPerSecond, this.follow(attemptedRate, admittedRate));
            this.bounded = { entryRate: admittedRate, entryLimit: this.limitPerSecond };
            this.bucketEmpty(now);
            this.calmRounds = 0;
        }
        else if (!overloaded)
            this.raise(this.tuning.growthFactor, attemptedRate);
    }
    judgeBounded(share, attemptedRate, admittedRate, bounded) {
        const { leaveBoundedBelow, probeFactor, growthFactor, tolerableThrottleShare } = this.tuning;
        // A limit the class does not reach says little about AWS's rate (the class has less to send).
        const reached = attemptedRate >= 0.9 * this.limitPerSecond;
        if (share > tolerableThrottleShare || (share > 0 && reached)) {
            this.calmRounds = 0;
            this.limitPerSecond = Math.min(this.limitPerSecond, this.follow(attemptedRate, admittedRate));
            if (this.limitPerSecond < leaveBoundedBelow * bounded.entryRate) {
                this.limitPerSecond = bounded.entryLimit;
                this.bounded = undefined;
                this.released = true;
            }
            return;
        }
        if (share > 0) {
            this.calmRounds = 0;
            return;
        }
        this.calmRounds += 1;
        bounded.entryRate = Math.max(bounded.entryRate, admittedRate);
        const factor = reached
            ? Math.min(growthFactor, probeFactor ** (2 ** Math.max(0, this.calmRounds - 1)))
            : growthFactor;
        this.raise(factor, attemptedRate);
    }
    /** The limit that sends at what the round says AWS admits, never cut by more than half. */
    follow(attemptedRate, admittedRate) {
        const { floorPerSecond, boundedHeadroom, cutFactor } = this.tuning;
        return Math.max(floorPerSecond, admittedRate * boundedHeadroom, cutFactor * attemptedRate);
    }
    raise(factor, attemptedRate) {
        if (!Number.isFinite(this.limitPerSecond))
            return;
        this.limitPerSecond *= factor;
        if (this.limitPerSecond > this.tuning.unlimitedAbove * attemptedRate) {
            this.limitPerSecond = Number.POSITIVE_INFINITY;
            this.bounded = undefined;
        }
    }
}
/**
 * The calls AWS admitted from a pacer's first call until it first throttled one: a full bucket
 * drained at the class's pace while refilling. Counted by send time, since answers to calls sent
 * together come back in any order; kept for the first `EVIDENCE_CALLS` answers only.
 */
class BurstEvidence {
    firstSentAt;
    firstThrottledSentAt = Number.POSITIVE_INFINITY;
    admittedSentAt = [];
    answers = 0;
    /** `admittedBefore`'s last answer, for the evidence it was counted on. */
    counted = { throttledAt: Number.NaN, answers: -1, before: 0 };
    sent(at) {
        this.firstSentAt ??= at;
    }
    /** Admitted calls sent no later than `throttledAt` (counted again only when either changed). */
    admittedBefore(throttledAt) {
        const answers = this.admittedSentAt.length;
        if (this.counted.throttledAt !== throttledAt || this.counted.answers !== answers)
            this.counted = {
                throttledAt,
                answers,
                before: this.admittedSentAt.filter((at) => at <= throttledAt).length,
            };
        return this.counted.before;
    }
    admitted(sentAt) {
        if (this.answers++ < EVIDENCE_CALLS)
            this.admittedSentAt.push(sentAt);
    }
    throttled(sentAt) {
        if (this.answers++ < EVIDENCE_CALLS)
            this.firstThrottledSentAt = Math.min(this.firstThrottledSentAt, sentAt);
    }
    /** Bucket size at `ratePerSecond`: admitted before the first throttle, less the refill. */
    burst(ratePerSecond) {
        const throttledAt = this.firstThrottledSentAt;
        if (this.firstSentAt === undefined || !Number.isFinite(throttledAt))
            return 1;
        const before = this.admittedBefore(throttledAt);
        const refilled = (ratePerSecond * (throttledAt - this.firstSentAt)) / 1000;
        return Math.max(1, Math.floor(before - refilled));
    }
}
/** Answers the burst evidence looks at: the first overload of any class comes well within. */
const EVIDENCE_CALLS = 1_000;
function newRound(startedAt) {
    return { startedAt, attempts: 0, admitted: 0, throttled: 0 };
}

;// CONCATENATED MODULE: ./src/aws/sdk-client-config.ts
/**
 * What every AWS SDK client of stage-sync is built with: layer 1 of the retry policy
 * (src/retry/policy.ts). Every attempt is bounded by `CALL_TIMEOUTS`, and every call goes through
 * its own `RequestPacer` behind a `PacedRetryStrategy` (throttling retried up to `maxAttempts`,
 * transport and server faults up to `CALL_ATTEMPTS.other`), unless a benchmark asks for one of the
 * SDK's own retry modes as contrast.
 */




/** The configuration of one SDK client (each gets its own pacer). */
function sdkClientConfig(options, retryMode = 'paced') {
    const maxAttempts = options.maxAttempts ?? policy/* CALL_ATTEMPTS */.C.throttled;
    const clock = { now: Date.now, sleep: (ms) => (0,promises_.setTimeout)(ms) };
    return {
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        requestHandler: {
            connectionTimeout: options.connectionTimeoutMs ?? policy/* CALL_TIMEOUTS */.qH.connectionMs,
            requestTimeout: options.requestTimeoutMs ?? policy/* CALL_TIMEOUTS */.qH.requestMs,
            // Without this the SDK only logs a warning when requestTimeout passes.
            throwOnRequestTimeout: true,
        },
        maxAttempts,
        ...(retryMode === 'paced'
            ? {
                retryStrategy: new PacedRetryStrategy({
                    pacer: new RequestPacer(clock),
                    maxAttempts,
                    ...clock,
                }),
            }
            : { retryMode }),
    };
}


/***/ })

};
