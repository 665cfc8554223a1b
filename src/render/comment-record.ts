/**
 * The machine-readable record hidden in the first line of every PR comment stage-sync writes.
 * Later runs find their comment by it (with the author check in github/), and the apply compares
 * the merged plan's hash with the one reviewers saw.
 */

export const COMMENT_RECORD_TOOL = 'stage-sync';

/** Where the comment is in its life: planned on a PR, then applying/applied/failed after merge. */
export type CommentStatus = 'planned' | 'applying' | 'applied' | 'failed';

export interface CommentRecord {
  readonly tool: typeof COMMENT_RECORD_TOOL;
  readonly version: string;
  /** Plan target: two jobs with different targets (a matrix) keep separate comments. */
  readonly target: string;
  readonly planHash: string;
  readonly truncated: boolean;
  readonly status: CommentStatus;
  /**
   * The hash of the plan reviewers approved, kept while an apply runs and after one that wrote
   * nothing (stopped by `plan-mismatch: fail`, every request refused), so a re-run is checked
   * against the review again rather than against whatever AWS looks like then.
   */
  readonly reviewedPlanHash?: string;
}

/**
 * The plan hash a merge must match: the comment's own while it shows the plan; the one carried
 * over while an apply runs or after one that wrote nothing. Once an apply has written and
 * settled, AWS moved by its own writes, and there is nothing left to match (re-runs converge
 * instead). A job killed mid-apply leaves `applying`: its re-run is checked against the review,
 * and stops under `plan-mismatch: fail` if the writes it made moved the plan.
 */
export function reviewedPlanHashOf(record: CommentRecord | undefined): string | undefined {
  if (!record) return undefined;
  return record.status === 'planned' ? record.planHash : record.reviewedPlanHash;
}

const PREFIX = '<!-- stage-sync:record ';
const SUFFIX = ' -->';

/**
 * One HTML comment line. `--` cannot occur inside an HTML comment, so JSON text with `--` (a
 * target built from a spec pattern, say) is escaped as `\u002d\u002d`, which JSON.parse undoes.
 */
export function formatCommentRecord(record: CommentRecord): string {
  const json = JSON.stringify(record).replace(/-(?=-)/g, '\\u002d');
  return `${PREFIX}${json}${SUFFIX}`;
}

/**
 * The record of a comment body written by stage-sync, or `undefined` for any other body. A body
 * someone edited in the browser may come back with `\r\n` line ends; the record still counts.
 */
export function parseCommentRecord(body: string): CommentRecord | undefined {
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.startsWith(PREFIX) || !firstLine.endsWith(SUFFIX)) return undefined;
  try {
    const value = JSON.parse(firstLine.slice(PREFIX.length, -SUFFIX.length)) as CommentRecord;
    return value.tool === COMMENT_RECORD_TOOL ? value : undefined;
  } catch {
    return undefined;
  }
}
