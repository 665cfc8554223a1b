import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplyResult, StageOutcomeStatus } from '../../src/apply/result.ts';
import { applySummaryLine } from '../../src/cli/apply-summary.ts';

const result = (status: ApplyResult['status'], statuses: StageOutcomeStatus[]): ApplyResult => ({
  status,
  durationMs: 1,
  outcomes: statuses.map((s, i) => ({
    name: `S${i}`,
    identifier: `a|s${i}`,
    action: 'update',
    status: s,
    durationMs: 1,
  })),
});

test('says how the apply ended and what happened, without repeating the word', () => {
  assert.equal(
    applySummaryLine(result('applied', ['applied', 'applied', 'applied'])),
    'Apply complete: 3 stages applied.',
  );
  assert.equal(
    applySummaryLine(result('applied', ['applied'])),
    'Apply complete: 1 stage applied.',
  );
  assert.equal(
    applySummaryLine(result('failed', ['applied', 'applied', 'failed'])),
    'Apply failed: 2 applied, 1 failed.',
  );
  assert.equal(
    applySummaryLine(result('interrupted', ['applied', 'in-flight', 'not-started', 'not-started'])),
    'Apply interrupted: 1 applied, 1 in flight (may still complete), 2 not started.',
  );
  assert.equal(
    applySummaryLine(result('failed', ['failed'])),
    'Apply failed: 0 applied, 1 failed.',
  );
});
