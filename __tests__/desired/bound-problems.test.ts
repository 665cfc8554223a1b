import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundProblems } from '../../src/desired/bound-problems.ts';
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_RUN } from '../../src/desired/limits.ts';
import type { SpecProblem } from '../../src/desired/spec-problem.ts';

const problemsIn = (file: string, n: number): SpecProblem[] =>
  Array.from({ length: n }, (_, i) => ({ file, line: i + 1, column: 1, message: `p${i}` }));

test('within the bounds, every problem is shown as it is', () => {
  const problems = [...problemsIn('a.yml', MAX_PROBLEMS_PER_FILE), ...problemsIn('b.yml', 3)];
  assert.deepEqual(boundProblems(problems), problems);
});

test('past the per-file bound, one closing problem at the first hidden one counts the rest', () => {
  const shown = boundProblems(problemsIn('a.yml', MAX_PROBLEMS_PER_FILE + 1));
  assert.equal(shown.length, MAX_PROBLEMS_PER_FILE + 1);
  assert.deepEqual(shown.at(-1), {
    file: 'a.yml',
    line: MAX_PROBLEMS_PER_FILE + 1,
    column: 1,
    message: `1 more problem in this file, not shown (the first ${MAX_PROBLEMS_PER_FILE} are); fix these and run again`,
  });
});

test('a flood of problems comes back as a bounded list that counts the rest', () => {
  const problems = problemsIn('huge.yml', 200_000);
  const shown = boundProblems(problems);
  assert.equal(shown.length, MAX_PROBLEMS_PER_FILE + 1);
  assert.match(shown.at(-1)?.message ?? '', /^199,980 more problems in this file/);
});

test('past the per-run bound, one closing problem counts what is hidden and where', () => {
  const files = Array.from({ length: 12 }, (_, i) =>
    problemsIn(`f${String(i).padStart(2, '0')}.yml`, 10),
  );
  const shown = boundProblems(files.flat());
  assert.equal(shown.length, MAX_PROBLEMS_PER_RUN + 1);
  assert.deepEqual(
    shown.slice(0, MAX_PROBLEMS_PER_RUN),
    files.flat().slice(0, MAX_PROBLEMS_PER_RUN),
  );
  assert.equal(shown.at(-1)?.file, 'f10.yml');
  assert.match(
    shown.at(-1)?.message ?? '',
    /^20 more problems in 2 files, not shown \(the first 100 are\)/,
  );
});
