/**
 * What every AWS SDK client of stage-sync is built with: layer 1 of the retry policy
 * (src/retry/policy.ts). Every attempt is bounded by `CALL_TIMEOUTS`, and every call goes through
 * its own `RequestPacer` behind a `PacedRetryStrategy` (throttling retried up to `maxAttempts`,
 * transport and server faults up to `CALL_ATTEMPTS.other`), unless a benchmark asks for one of the
 * SDK's own retry modes as contrast.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PacedRetryStrategy } from '../retry/paced-retry-strategy.ts';
import { CALL_ATTEMPTS, CALL_TIMEOUTS, requestTimeoutFor } from '../retry/policy.ts';
import { RequestPacer } from '../retry/request-pacer.ts';
import { TRANSPORT_ERROR } from '../retry/error-codes.ts';

export interface SdkClientOptions {
  readonly region?: string;
  /** Overrides the endpoint (the SDK otherwise honours its AWS_ENDPOINT_URL_* variable). */
  readonly endpoint?: string;
  /**
   * Attempts per call when throttled, counting the first (default `CALL_ATTEMPTS.throttled`).
   * Transport and server errors get at most `CALL_ATTEMPTS.other`.
   */
  readonly maxAttempts?: number;
  /** Longest wait for one attempt's answer (default `CALL_TIMEOUTS.requestMs`). */
  readonly requestTimeoutMs?: number;
  /** Longest wait for a connection (default `CALL_TIMEOUTS.connectionMs`). */
  readonly connectionTimeoutMs?: number;
}

/**
 * The options the action and the CLI build their AWS clients with: the region and endpoint when
 * given (else the SDK's own resolution), and an attempt timeout within `operationTimeoutMs`, since
 * no single call may outlast the operation it serves (policy.ts `requestTimeoutFor`).
 */
export function clientOptionsFor(settings: {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly operationTimeoutMs: number;
}): SdkClientOptions {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    requestTimeoutMs: requestTimeoutFor(settings.operationTimeoutMs),
  };
}

/** The configuration of one SDK client (each gets its own pacer). */
export function sdkClientConfig(
  options: SdkClientOptions,
  retryMode: 'paced' | 'adaptive' | 'standard' = 'paced',
) {
  const maxAttempts = options.maxAttempts ?? CALL_ATTEMPTS.throttled;
  const clock = { now: Date.now, sleep: (ms: number) => sleep(ms) };
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? CALL_TIMEOUTS.connectionMs,
      requestTimeout: options.requestTimeoutMs ?? CALL_TIMEOUTS.requestMs,
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

/**
 * How an SDK call failed: the service's answer (`client` for a 4xx, `server` for a 5xx, with the
 * wire exception name as `code`), or no answer at all (`transport`: a reset, a refused
 * connection, a timed-out or aborted attempt; `code` is `TRANSPORT_ERROR`).
 */
export interface SdkFailure {
  readonly code: string;
  readonly message: string;
  readonly fault: 'client' | 'server' | 'transport';
}

/**
 * Sorts an SDK exception into `SdkFailure`. Service errors carry `$fault`; the SDK also puts
 * `$metadata` on transport errors, which are not the service's answer, so that is no test.
 * `isServiceException` lets an adapter count its client's own exception class as an answer too.
 */
export function sdkFailure(error: unknown, isServiceException = false): SdkFailure {
  if (error instanceof Error && (isServiceException || '$fault' in error)) {
    const fault = (error as { $fault?: unknown }).$fault === 'server' ? 'server' : 'client';
    return { code: error.name, message: error.message, fault };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: TRANSPORT_ERROR, message, fault: 'transport' };
}
