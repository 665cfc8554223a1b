/**
 * The vocabulary of failures, shared by the adapter that names them and the rules that act on
 * them, so the two cannot drift apart (the adapter once named transport errors `NetworkError`
 * while the recovery rules knew only `NetworkFailureException`, and a reset write failed its
 * stage).
 */

/**
 * The code the adapter gives a call that got no answer from AWS at all: a connection reset or
 * refused, a DNS failure, a timed-out attempt (`CALL_TIMEOUTS` in policy.ts). Not an exception
 * name AWS sends; AWS's own `NetworkFailureException` means a handler's network failed.
 */
export const TRANSPORT_ERROR = 'NetworkError';

/**
 * Synchronous refusals after which the identical request may be sent again, same client token:
 * a request refused for rate or a fault did nothing, and one that did get through is returned,
 * not repeated (CC API reference, ClientToken; docs/reference/cloudcontrol-notes.md §1.7).
 */
export const RESENDABLE_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ServiceInternalErrorException',
  'NetworkFailureException',
  TRANSPORT_ERROR,
]);

/**
 * The start of the message of the `ValidationException` that answers a cancel of a request that
 * had already finished: "Request <token> is already in status SUCCESS"
 * (docs/reference/aws-recorded-behaviour.md fact 10; "FAILED" by inference).
 */
const ALREADY_FINISHED = /\bis already in status (SUCCESS|FAILED|CANCEL_COMPLETE)\b/;

/** The final status a refused cancel reports, when it says the request had already finished. */
export function alreadyFinishedStatus(
  code: string,
  message: string,
): 'SUCCESS' | 'FAILED' | 'CANCEL_COMPLETE' | undefined {
  if (code !== 'ValidationException') return undefined;
  return ALREADY_FINISHED.exec(message)?.[1] as
    'SUCCESS' | 'FAILED' | 'CANCEL_COMPLETE' | undefined;
}
