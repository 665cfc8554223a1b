/** Spec problems as GitHub error annotations, each at its file, line and column. */
import * as core from '@actions/core';
import type { SpecProblem } from '../desired/spec-problem.ts';

export function annotateProblems(problems: readonly SpecProblem[]): void {
  for (const problem of problems) {
    core.error(problem.message, {
      title: problem.property ? `Invalid stage spec: ${problem.property}` : 'Invalid stage spec',
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.column,
    });
  }
}
