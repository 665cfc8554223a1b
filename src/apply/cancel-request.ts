/**
 * Cancelling a request that outlived the operation deadline or the run, and reading what AWS has
 * afterwards. Only PENDING and IN_PROGRESS requests can be cancelled; a request that finished
 * first says so (docs/reference/aws-recorded-behaviour.md fact 10), and a cancel undoes nothing
 * the handler did (fact 11), so only a fresh read says how the stage is (after-cancel.ts).
 */
import type { CloudControlPort, ProgressEvent } from '../aws/cloud-control-port.ts';
import { readStage } from '../aws/read-stages.ts';
import { alreadyFinishedStatus } from '../retry/error-codes.ts';
import { describeAfterCancel, type AfterCancel } from './after-cancel.ts';
import { describeError } from './describe-error.ts';
import type { CompareStages } from './options.ts';
import { OPERATION, type WriteChange } from './submit-write.ts';

export interface CancelOutcome {
  /** What the cancel did, for the stage's outcome. */
  readonly note: string;
  /** The request's final event, when it had succeeded or failed before the cancel reached it. */
  readonly finished?: ProgressEvent;
}

/**
 * CancelResourceRequest for `change`'s request. A refusal "Request ... is already in status
 * SUCCESS" (fact 10) means the request finished after all: a SUCCESS needs no event (the stage is
 * re-read after it anyway, as after any SUCCESS: fact 3, events may carry no model); a FAILED one
 * is read for its code and message, which the recovery rules need.
 */
export async function cancelRequest(
  port: CloudControlPort,
  change: WriteChange,
  requestToken: string,
): Promise<CancelOutcome> {
  let event: ProgressEvent;
  try {
    event = await port.cancelResourceRequest(requestToken);
  } catch (error) {
    const { code, message } = describeError(error);
    const status = alreadyFinishedStatus(code, message);
    if (status !== 'SUCCESS' && status !== 'FAILED')
      return { note: `cancel failed (${code}: ${message})` };
    let finished: ProgressEvent = {
      typeName: change.type,
      requestToken,
      operation: OPERATION[change.action],
      status,
    };
    if (status === 'FAILED') {
      try {
        const final = await port.getResourceRequestStatus(requestToken);
        if (final.status === 'FAILED') finished = final;
      } catch {
        // The refusal already said FAILED; without its code the failure is reported as unknown.
      }
    }
    return { note: `cancel too late (${status})`, finished };
  }
  if (event.status === 'SUCCESS' || event.status === 'FAILED')
    return { note: `cancel too late (${event.status})`, finished: event };
  return { note: `cancel requested (${event.status})` };
}

/** After a cancel, only a fresh read says what AWS has. */
export async function readAfterCancel(
  port: CloudControlPort,
  change: WriteChange,
  compare: CompareStages,
): Promise<AfterCancel> {
  try {
    return describeAfterCancel(
      change,
      await readStage(port, change.identifier, change.type),
      compare,
    );
  } catch (error) {
    const { code, message } = describeError(error);
    return {
      asPlanned: false,
      text: `the stage could not be read after the cancel (${code}: ${message}): it may have changed`,
    };
  }
}
