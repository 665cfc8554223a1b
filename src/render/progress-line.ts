/**
 * One line per stage as its write starts and settles, with elapsed time: for the log and terminal.
 * Every value that came from a spec or from AWS (names, identifiers, notes, error codes and
 * messages, drift paths) goes through `logText`, so a stage name holding a line break and
 * `::stop-commands::` cannot issue a workflow command, and bidi controls are shown, not obeyed.
 */
import type { ApplyProgressEvent } from '../apply/options.ts';
import { logText } from './escape.ts';

export function progressLine(event: ApplyProgressEvent): string {
  const at = `[${(event.elapsedMs / 1000).toFixed(1).padStart(5)}s]`;
  if (event.type === 'started')
    return `${at} ${event.action.padEnd(6)} ${logText(event.name)} (${logText(event.identifier)}) started`;
  if (event.type === 'recovering')
    return `${at} ${event.action.padEnd(6)} ${logText(event.name)}: ${logText(event.note)}`;
  const { outcome } = event;
  const took = `in ${(outcome.durationMs / 1000).toFixed(1)}s`;
  const failure = outcome.errorCode
    ? ` ${logText(outcome.errorCode)}: ${logText(outcome.statusMessage ?? '')}`
    : '';
  const drift = outcome.drift?.length
    ? ` (AWS differs from the plan in ${outcome.drift.map((d) => logText(d.path)).join(', ')})`
    : '';
  return `${at} ${outcome.action.padEnd(6)} ${logText(outcome.name)} ${outcome.status} ${took}${failure}${drift}`;
}
