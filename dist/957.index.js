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
 * The rule (numbers in `HEDGE`, policy.ts): a read whose current attempt has been out to AWS longer
 * than the `quantile` of AWS's latency over the last `window` answered reads (each timed from its
 * answering attempt going out to its answer; once `minSamples` have answered; never before
 * `minAfterMs`, but for a read alone, below) is sent once more, and the slower of the two is
 * aborted when the other answers. The time a read waits for its pacer slot, or for a retry after a
 * throttle, is neither hedged nor counted: it is the rate's doing, and a second copy would wait for
 * the same rate. A hedge is sent only while the class has spare room, that is fewer reads
 * outstanding than it has carried at once: while the caller keeps every slot busy the rate is what
 * binds, and a hedge would take a token a waiting read needs; at the tail of a batch it takes one
 * nobody wants. Hedges stay within `maxShare` of the reads sent. At the thin tail of a batch (at
 * most half the reads out that the class has carried at once) the run waits for its last reads
 * alone, so there a read is hedged past the lower `thinQuantile`, with at most half the budget: the
 * other half stays for the upper tail.
 *
 * The reads still out count in the quantile. The first answers of a batch are its fast ones: a
 * quantile of them alone puts the tail below reads that have merely not answered yet, and every
 * read of the batch that draws more than the floor is hedged at once. Each read out is known to
 * take at least its age, so the quantile is taken over the answered latencies together with the
 * ages of the other reads out longer than their quantile; where it falls on one of those, the
 * tail is not known yet, and reads wait for the next answer. Measured: a 60-stage plan spent
 * its whole budget while most of its 20 reads in flight were still out, on those then out past
 * 1 s, and the apply after it had none left for its last read-backs (bench/README.md, "The tail
 * counts the reads still out").
 *
 * A read alone in its class is hedged sooner. When a class has one read out and has carried more,
 * nothing else of the class is waiting: the run waits on that read (an apply's last status poll or
 * read-back, a plan's last read), and a second copy takes a token nobody else wants. So it is sent
 * again once out `loneMedians` times the window's median, if that comes before its tier's wait,
 * with an allowance of its own (`maxShare` of the reads, counted apart: the batch may have spent
 * the shared one). A multiple of the median, and not the floor, keeps a class whose calls all take
 * about the same time from hedging but when a call stalls. Measured: the realistic apply's last
 * stages waited 1.3–1.6 s for a status poll drawn from the tail, where the 1 s floor was the
 * earliest a hedge could go (bench/README.md, "A read alone in its class").
 *
 * A hedge's slow copy counts too. A read is hedged because it was slow; when its hedge answers
 * first, the hedge's quick latency alone would enter the window, and the slow one that made the
 * hedge due would not. Each hedge would then pull the quantile down, and hedge the next reads
 * sooner, until the budget was gone. So the copy the hedge beat enters with its age when the
 * hedge answered, which it is known to take at least. The copy that loses to its original is
 * left out: its age is short, and says only that it had not answered yet.
 */

class ReadHedger {
    clock;
    tuning;
    /** AWS's latency (ms) for the latest answered reads, oldest first. */
    durations = [];
    /** The same, sorted: computed when a wait is timed, dropped when a latency is recorded. */
    sortedDurations;
    /**
     * The first copy of each read outstanding (so also how many are): its age on the wire is a
     * latency not yet known.
     */
    firstCopies = new Set();
    mostOutstanding = 0;
    reads = 0;
    hedgesSent = 0;
    /** Hedges of reads alone in their class, within an allowance of their own. */
    loneHedgesSent = 0;
    /** Reads waiting for room or for a thinner batch: woken whenever a read ends. */
    readEnded = new Wakeups();
    /** Reads sent before `minSamples` had answered: woken whenever a latency is recorded. */
    latencyRecorded = new Wakeups();
    constructor(clock, tuning = {}) {
        this.clock = clock;
        this.tuning = { ...policy/* HEDGE */.CV, ...tuning };
    }
    /** Hedges sent so far. */
    get hedges() {
        return this.hedgesSent + this.loneHedgesSent;
    }
    /** Sends the read, hedging it as the rule says. */
    async run(send) {
        this.reads += 1;
        const first = this.attempt(send);
        this.firstCopies.add(first);
        this.mostOutstanding = Math.max(this.mostOutstanding, this.outstanding);
        try {
            let answer;
            const early = (await this.untilTail(first)) ?? (await this.untilRoom(first));
            if (early !== undefined)
                answer = { ...early, from: first };
            else {
                if (this.aloneWithAllowance())
                    this.loneHedgesSent += 1;
                else
                    this.hedgesSent += 1;
                const second = this.attempt(send);
                const winner = await Promise.race([
                    first.settled.then((settled) => ({ settled, from: first, loser: second })),
                    second.settled.then((settled) => ({ settled, from: second, loser: first })),
                ]);
                winner.loser.abort.abort();
                answer = { ...winner.settled, from: winner.from };
            }
            const now = this.clock.now();
            const wireAt = answer.from.wireAt();
            if (wireAt !== undefined)
                this.record(now - wireAt);
            // The copy a hedge beat takes at least its age (header, "A hedge's slow copy").
            const firstAt = first.wireAt();
            if (answer.from !== first && firstAt !== undefined)
                this.record(now - firstAt);
            if (answer.ok)
                return answer.value;
            throw answer.error;
        }
        finally {
            this.firstCopies.delete(first);
            this.readEnded.wakeAll();
        }
    }
    /**
     * The answer, if it comes before the hedge may go; `undefined` once it may (spare room and
     * budget). A read past its tail while every slot is busy waits for another read to end, so the
     * last reads of a batch are hedged as soon as the batch thins out.
     */
    async untilRoom(copy) {
        while (!this.mayHedge()) {
            // With the shared budget spent, a read may still be left alone and draw on its own.
            if (!this.anyAllowanceLeft())
                return copy.settled;
            // Looked at a turn of the event loop after the read ended: a caller with more to read
            // starts its next read in the promise jobs of the one that ended, and that is no room.
            const room = this.readEnded
                .next()
                .then(() => new Promise((resolve) => setImmediate(() => resolve('room'))));
            const next = await Promise.race([copy.settled, room]);
            if (next !== 'room')
                return next;
        }
        return undefined;
    }
    /**
     * The answer, if it comes before the copy's current attempt has been out to AWS past the tail;
     * `undefined` once it has. A retry of the copy (throttled, say) restarts the wait: what a
     * hedge cuts short is AWS's latency, not the pacer's spacing of a retry. A read sent before
     * `minSamples` reads had answered waits for them too: the first reads of an apply's status
     * polls go out together, and one that draws seconds would otherwise never be hedged. So does a
     * read while the tail falls on reads still out (header, "The reads still out").
     */
    async untilTail(copy) {
        for (;;) {
            const after = this.hedgeAfterMs(copy);
            const wireAt = copy.wireAt();
            const timer = new AbortController();
            const waits = [
                copy.settled,
                copy.nextWire().then(() => 'again'),
            ];
            if (after === undefined)
                waits.push(this.latencyRecorded.next().then(() => 'again'));
            else {
                // A read that ends may thin the batch out or leave this one alone: the tail is nearer.
                if (!this.lone())
                    waits.push(this.readEnded.next().then(() => 'again'));
                if (wireAt !== undefined) {
                    const waitMs = Math.max(0, wireAt + after - this.clock.now());
                    waits.push(this.clock.sleep(waitMs, timer.signal).then(() => 'tail', () => 'tail'));
                }
            }
            const next = await Promise.race(waits);
            timer.abort();
            // Due by the quantile it was timed with; the batch or the budget may have moved it since.
            if (next === 'tail') {
                if (this.pastTail(copy))
                    return undefined;
            }
            else if (next !== 'again')
                return next;
        }
    }
    /**
     * The wait before a hedge: the window's quantile, once enough reads have answered. At the thin
     * tail of a batch the lower one, with half the budget: the other half stays for reads in the
     * upper tail, which a batch's last read drawing seconds needs most. A read alone in its class
     * goes at `loneMedians` medians if that is sooner (header, "A read alone").
     */
    hedgeAfterMs(copy) {
        if (this.durations.length < this.tuning.minSamples)
            return undefined;
        const quantile = this.thin() && this.withinBudget(this.hedgesSent, this.tuning.maxShare / 2)
            ? this.tuning.thinQuantile
            : this.tuning.quantile;
        const latency = this.latencyQuantile(quantile, copy);
        const tierMs = latency === undefined ? undefined : Math.max(this.tuning.minAfterMs, latency);
        if (!this.aloneWithAllowance())
            return tierMs;
        // Alone, no other read is out: the median is of answered reads only, and always known.
        const loneMs = this.tuning.loneMedians * this.latencyQuantile(0.5, copy);
        return Math.min(tierMs ?? Number.POSITIVE_INFINITY, loneMs);
    }
    /**
     * The `quantile` of AWS's latency over the answered reads and the other reads still out past
     * it (each takes at least its age); `undefined` where it falls on one of those, whose latency
     * is not known yet (header, "The reads still out"). A read out for less than the answered
     * quantile says nothing about the tail beyond it, and the read being judged is left out: its own
     * age would put the tail just above it.
     */
    latencyQuantile(quantile, judged) {
        const answered = (this.sortedDurations ??= [...this.durations].sort((a, b) => a - b));
        const answeredQuantile = answered[quantileIndex(quantile, answered.length)];
        const now = this.clock.now();
        const ages = [];
        for (const copy of this.firstCopies) {
            const wireAt = copy.wireAt();
            if (copy === judged || wireAt === undefined)
                continue;
            if (now - wireAt > answeredQuantile)
                ages.push(now - wireAt);
        }
        if (ages.length === 0)
            return answeredQuantile;
        // Answered first where an age equals a latency (the sort is stable): the latency is known.
        const all = [
            ...answered.map((ms) => ({ ms, known: true })),
            ...ages.map((ms) => ({ ms, known: false })),
        ].sort((a, b) => a.ms - b.ms);
        const at = all[quantileIndex(quantile, all.length)];
        return at.known ? at.ms : undefined;
    }
    /** Whether the copy's current attempt has been out to AWS past the tail as it stands now. */
    pastTail(copy) {
        const after = this.hedgeAfterMs(copy);
        const wireAt = copy.wireAt();
        return after !== undefined && wireAt !== undefined && this.clock.now() - wireAt >= after;
    }
    get outstanding() {
        return this.firstCopies.size;
    }
    /** At most half the reads outstanding that the class has carried at once. */
    thin() {
        return 2 * this.outstanding <= this.mostOutstanding;
    }
    /** One read out, of the more the class has carried at once (header, "A read alone"). */
    lone() {
        return this.outstanding === 1 && this.mostOutstanding > 1;
    }
    /** Alone, with the allowance of reads alone not spent. */
    aloneWithAllowance() {
        return this.lone() && this.withinBudget(this.loneHedgesSent);
    }
    /** Room in the shared allowance or in that of reads alone. */
    anyAllowanceLeft() {
        return this.withinBudget(this.hedgesSent) || this.withinBudget(this.loneHedgesSent);
    }
    /**
     * Spare room (fewer reads outstanding than carried at once) and budget left: a read alone
     * draws on its own allowance, then on the one every other read shares.
     */
    mayHedge() {
        return (this.outstanding < this.mostOutstanding &&
            (this.aloneWithAllowance() || this.withinBudget(this.hedgesSent)));
    }
    /** Whether one hedge more keeps `sent` within `share` of the reads. */
    withinBudget(sent, share = this.tuning.maxShare) {
        return sent + 1 <= share * this.reads;
    }
    record(ms) {
        this.durations.push(ms);
        if (this.durations.length > this.tuning.window)
            this.durations.shift();
        this.sortedDurations = undefined;
        this.latencyRecorded.wakeAll();
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
/** The place of `quantile` in `count` sorted values. */
function quantileIndex(quantile, count) {
    return Math.min(count - 1, Math.floor(quantile * count));
}
/** Callers waiting for the next time something happens; each wake resolves all of them once. */
class Wakeups {
    waiting = [];
    next() {
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    wakeAll() {
        for (const wake of this.waiting.splice(0))
            wake();
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
        const { code, message } = (0,sdk_client_config/* sdkFailure */.$6)(error, error instanceof dist_cjs/* CloudControlServiceException */.Ti);
        throw new cloud_control_port/* CloudControlError */.B(code, `${what}: ${message}`);
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
    const client = () => new dist_cjs/* CloudControlClient */.iU((0,sdk_client_config/* sdkClientConfig */.kM)(options, options.retryMode));
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


/***/ })

};
