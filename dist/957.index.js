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
 * The rule (numbers in `HEDGE`, policy.ts): a read outstanding longer than the `quantile` of the
 * last `window` answered reads' durations (once `minSamples` have answered; never before
 * `minAfterMs`) is sent once more,
 * and the slower of the two is aborted when the other answers. A hedge is sent only while the
 * class has spare room, that is fewer reads outstanding than it has carried at once: while the
 * caller keeps every slot busy the rate is what binds, and a hedge would take a token a waiting
 * read needs; at the tail of a batch it takes one nobody wants. Hedges stay within `maxShare`
 * of the reads sent.
 */

class ReadHedger {
    clock;
    tuning;
    /** Durations (ms) of the latest answered reads, oldest first. */
    durations = [];
    outstanding = 0;
    mostOutstanding = 0;
    reads = 0;
    hedgesSent = 0;
    constructor(clock, tuning = {}) {
        this.clock = clock;
        this.tuning = { ...policy/* HEDGE */.CV, ...tuning };
    }
    /** Hedges sent so far. */
    get hedges() {
        return this.hedgesSent;
    }
    /** Sends the read (`send` must stop when its signal aborts), hedging it as the rule says. */
    async run(send) {
        const startedAt = this.clock.now();
        this.reads += 1;
        this.outstanding += 1;
        this.mostOutstanding = Math.max(this.mostOutstanding, this.outstanding);
        try {
            const first = attempt(send);
            const after = this.hedgeAfterMs();
            let answer;
            if (after === undefined)
                answer = await first.settled;
            else {
                const timer = new AbortController();
                const early = await Promise.race([
                    first.settled,
                    this.clock.sleep(after, timer.signal).then(() => undefined, () => undefined),
                ]);
                timer.abort();
                if (early !== undefined)
                    answer = early;
                else if (!this.mayHedge())
                    answer = await first.settled;
                else {
                    this.hedgesSent += 1;
                    const second = attempt(send);
                    const winner = await Promise.race([
                        first.settled.then((settled) => ({ settled, loser: second })),
                        second.settled.then((settled) => ({ settled, loser: first })),
                    ]);
                    winner.loser.abort.abort();
                    answer = winner.settled;
                }
            }
            this.record(this.clock.now() - startedAt);
            if (answer.ok)
                return answer.value;
            throw answer.error;
        }
        finally {
            this.outstanding -= 1;
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
        return (this.outstanding < this.mostOutstanding &&
            this.hedgesSent + 1 <= this.tuning.maxShare * this.reads);
    }
    record(ms) {
        this.durations.push(ms);
        if (this.durations.length > this.tuning.window)
            this.durations.shift();
    }
}
function attempt(send) {
    const abort = new AbortController();
    const settled = Promise.resolve()
        .then(() => send(abort.signal))
        .then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
    return { abort, settled };
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
                const read = (abortSignal) => reads.send(new dist_cjs/* GetResourceCommand */.s1({ TypeName: typeName, Identifier: identifier }), {
                    ...(abortSignal ? { abortSignal } : {}),
                });
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
            const poll = (hedgeSignal) => {
                const signals = [callOptions.signal, hedgeSignal].filter((s) => s !== undefined);
                return status.send(new dist_cjs/* GetResourceRequestStatusCommand */.JR({ RequestToken: requestToken }), signals.length > 0 ? { abortSignal: AbortSignal.any(signals) } : {});
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
 */

/** The tuning a pacer uses unless a test passes its own (policy.ts explains each value). */
const PACER_DEFAULTS = policy/* PACER_TUNING */.of;
class RequestPacer {
    tuning;
    clock;
    /** Calls per second; Infinity until a round shows too many throttles. */
    limitPerSecond = Number.POSITIVE_INFINITY;
    /** The earliest time the next call may be sent. */
    nextSlot = 0;
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
        if (Number.isFinite(this.limitPerSecond)) {
            const slot = Math.max(now, this.nextSlot);
            this.nextSlot = slot + 1000 / this.limitPerSecond;
            if (slot > now) {
                await this.clock.sleep(slot - now);
                now = this.clock.now();
            }
        }
        this.round ??= newRound(now);
        this.round.attempts += 1;
        return now;
    }
    /** The service answered a call sent at `sentAt` (with a result or an error other than throttling). */
    admitted(sentAt) {
        const round = this.currentRound(sentAt);
        if (!round)
            return;
        round.admitted += 1;
        this.maybeEndRound(round, this.clock.now());
    }
    /** The service throttled a call sent at `sentAt`. */
    throttled(sentAt) {
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
