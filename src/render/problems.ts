/**
 * The job summary of a run whose specs are invalid: every problem at its file, line and column,
 * so a reader of the run page sees what the annotations say without opening each file. The
 * problems quote spec text, which is data: it goes in a fenced block (see escape.ts).
 */
import type { SpecProblem } from '../desired/spec-problem.ts';
import { fencedBlock, revealInvisible } from './escape.ts';

/** Problems beyond this are counted, not listed: the summary stays readable and far below 1 MiB. */
export const MAX_SUMMARY_PROBLEMS = 200;

export function renderProblemsSummary(
  problems: readonly SpecProblem[],
  problemCount = problems.length,
): string {
  const listed = problems.slice(0, MAX_SUMMARY_PROBLEMS);
  const rest = problems.length - listed.length;
  const lines = listed.map((problem) =>
    revealInvisible(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`),
  );
  return [
    '## stage-sync: invalid stage specs',
    '',
    `${problemCount} problem(s) in the stage specs; nothing was planned or applied.`,
    '',
    fencedBlock('text', lines.join('\n')),
    ...(rest > 0 ? ['', `…and ${rest} more, listed in the run's annotations.`] : []),
    '',
  ].join('\n');
}
