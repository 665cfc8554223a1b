export const id = 84;
export const ids = [84];
export const modules = {

/***/ 8084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The Octokit a `GitHubClient` forwards to, with its timeout, retry and throttling plugins.
 * Only `github-client.ts` loads this module, with `import()` on a client's first call: Octokit
 * and its plugins are most of what the action would otherwise load at start for a run that
 * never talks to GitHub (bench/README.md, cold start).
 */




/** The route of a request for a log line: `POST /repos/o/r/issues/2/comments`. */
function routeOf(options) {
    return `${options.method ?? 'GET'} ${options.url ?? ''}`;
}
/**
 * A per-attempt timeout. Registered as the first plugin, its hook is the innermost one
 * (before-after-hook wraps later hooks around earlier ones), so each retry gets a fresh timer
 * while the retry and throttling plugins see a timeout as a failed attempt.
 *
 * before-after-hook binds one options object to every hook of a request, and a hook's own
 * argument to the next is ignored: so the signal is set on that object (its `request` replaced,
 * never mutated, since it may be the client's shared defaults), and the caller's own signal is
 * remembered across retries.
 */
function requestTimeout(timeoutMs) {
    const callerSignals = new WeakMap();
    return (octokit) => {
        octokit.hook.wrap('request', (request, options) => {
            if (!callerSignals.has(options)) {
                callerSignals.set(options, options.request?.signal);
            }
            const caller = callerSignals.get(options);
            const timer = AbortSignal.timeout(timeoutMs);
            options.request = {
                ...options.request,
                signal: caller ? AbortSignal.any([caller, timer]) : timer,
            };
            return request(options);
        });
    };
}
/**
 * The token goes only into Octokit's auth header. Transient failures are retried by
 * `@octokit/plugin-retry` (5xx, timeouts, resets: not 4xx) and rate limits by
 * `@octokit/plugin-throttling` (a secondary-limit 403 or 429 after its `retry-after`, a primary
 * limit after its reset), each within `limits`.
 */
function createOctokit(settings) {
    const { limits, onWait } = settings;
    const onRateLimit = (kind) => (retryAfter, request, _o, count) => {
        const wait = retryAfter <= limits.maxRateLimitWaitSeconds && count < limits.rateLimitRetries;
        onWait?.(wait
            ? `GitHub ${kind} on ${routeOf(request)}: retrying in ${retryAfter} s`
            : `GitHub ${kind} on ${routeOf(request)}: asked to wait ${retryAfter} s, more than this run waits (${limits.maxRateLimitWaitSeconds} s, ${limits.rateLimitRetries} times)`);
        return wait;
    };
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(settings.token, {
        baseUrl: settings.baseUrl,
        retry: { retries: limits.retries, retryAfterBaseValue: limits.retryAfterBaseMs },
        throttle: {
            onSecondaryRateLimit: onRateLimit('secondary rate limit'),
            onRateLimit: onRateLimit('rate limit'),
            // The throttling plugin's own unit for waits is this many ms per second asked for.
            retryAfterBaseValue: limits.retryAfterBaseMs,
            // The plugin's default groups with our intervals, one per client: the plugin's own are
            // shared by every client in the process.
            write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: limits.minWriteIntervalMs }),
            notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({
                maxConcurrent: 1,
                minTime: limits.minNotifyingWriteIntervalMs,
            }),
        },
    }, requestTimeout(limits.requestTimeoutMs), _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
}


/***/ })

};
