/**
 * Caps what a run reports: the first MAX_PROBLEMS_PER_FILE problems of each file, then the first
 * MAX_PROBLEMS_PER_RUN of those, each cut marked by one problem that says how many more there
 * were, so a user knows the list is not the whole story.
 */
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_RUN } from './limits.ts';
import type { SpecProblem } from './spec-problem.ts';

const count = (n: number, what: string): string =>
  `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** `problems` in reading order (sorted by file); returns at most MAX_PROBLEMS_PER_RUN + 1. */
export function boundProblems(problems: readonly SpecProblem[]): SpecProblem[] {
  const byFile = new Map<string, SpecProblem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file) ?? [];
    list.push(problem);
    byFile.set(problem.file, list);
  }
  const perFile: SpecProblem[] = [];
  for (const [file, list] of byFile) {
    perFile.push(...list.slice(0, MAX_PROBLEMS_PER_FILE));
    const rest = list.length - MAX_PROBLEMS_PER_FILE;
    const next = list[MAX_PROBLEMS_PER_FILE];
    if (rest > 0 && next) {
      perFile.push({
        file,
        line: next.line,
        column: next.column,
        message: `${count(rest, 'more problem')} in this file, not shown (the first ${MAX_PROBLEMS_PER_FILE} are); fix these and run again`,
      });
    }
  }
  if (perFile.length <= MAX_PROBLEMS_PER_RUN) return perFile;
  const shown = perFile.slice(0, MAX_PROBLEMS_PER_RUN);
  const shownSet = new Set(shown);
  const hidden = problems.filter((problem) => !shownSet.has(problem));
  const files = new Set(hidden.map((problem) => problem.file));
  const next = perFile[MAX_PROBLEMS_PER_RUN] as SpecProblem;
  shown.push({
    file: next.file,
    line: next.line,
    column: next.column,
    message: `${count(hidden.length, 'more problem')} in ${count(files.size, 'file')}, not shown (the first ${MAX_PROBLEMS_PER_RUN} are); fix these and run again`,
  });
  return shown;
}
