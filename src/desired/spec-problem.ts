import type { SourceLocation } from '../model/stage.ts';

/** One thing wrong with the specs, reported as a GitHub annotation at its file, line and column. */
export interface SpecProblem extends SourceLocation {
  /** The property the problem is about (`MethodSettings[0].LoggingLevel`), when there is one. */
  readonly property?: string;
  readonly message: string;
}

/** Problems in reading order: by file, then line, then column. */
export function sortProblems(problems: readonly SpecProblem[]): SpecProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
