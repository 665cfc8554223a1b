/**
 * The apply's last line in the terminal: how it ended, then what happened to the stages, using
 * the outcome words every other renderer uses (src/render/styles.ts OUTCOME_STYLES). Counts that
 * are zero are left out, except that a finished run always says how many were applied.
 */
import type { ApplyResult, StageOutcomeStatus } from '../apply/result.ts';
import { OUTCOME_STYLES } from '../render/styles.ts';

const ENDINGS: Readonly<Record<ApplyResult['status'], string>> = {
  applied: 'Apply complete',
  failed: 'Apply failed',
  interrupted: 'Apply interrupted',
};

const ORDER: readonly StageOutcomeStatus[] = ['applied', 'failed', 'in-flight', 'not-started'];

/** `Apply complete: 3 stages applied.`, `Apply failed: 2 applied, 1 failed.` */
export function applySummaryLine(result: ApplyResult): string {
  const counts = ORDER.map((status) => ({
    status,
    count: result.outcomes.filter((outcome) => outcome.status === status).length,
  })).filter(({ status, count }) => count > 0 || status === 'applied');
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const parts = counts.map(({ status, count }, index) => {
    const label = OUTCOME_STYLES[status].label;
    return index === 0 && counts.length === 1
      ? `${count} ${total === 1 ? 'stage' : 'stages'} ${label}`
      : `${count} ${label}`;
  });
  return `${ENDINGS[result.status]}: ${parts.join(', ')}.`;
}
