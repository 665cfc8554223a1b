/** One line per stage as its write starts and settles, with elapsed time: for the log and terminal. */
import type { ApplyProgressEvent } from '../apply/options.ts';

export function progressLine(event: ApplyProgressEvent): string {
  const at = `[${(event.elapsedMs / 1000).toFixed(1).padStart(5)}s]`;
  if (event.type === 'started')
    return `${at} ${event.action.padEnd(6)} ${event.name} (${event.identifier}) started`;
  if (event.type === 'recovering')
    return `${at} ${event.action.padEnd(6)} ${event.name}: ${event.note}`;
  const { outcome } = event;
  const took = `in ${(outcome.durationMs / 1000).toFixed(1)}s`;
  const failure = outcome.errorCode ? ` ${outcome.errorCode}: ${outcome.statusMessage ?? ''}` : '';
  const drift = outcome.drift?.length
    ? ` (AWS differs from the plan in ${outcome.drift.map((d) => d.path).join(', ')})`
    : '';
  return `${at} ${outcome.action.padEnd(6)} ${outcome.name} ${outcome.status} ${took}${failure}${drift}`;
}
