/**
 * The apply-status comment fits GitHub's limit as the plan comment does: 30 failed stages with
 * long AWS messages once made an 86,553-character comment, which GitHub refuses with 422.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommentRecord } from '../../src/render/comment-record.ts';
import { COMMENT_CHAR_LIMIT, renderComment, renderSummary } from '../../src/render/markdown.ts';
import { assertWellFormed } from './markdown-oracle.ts';
import { CONTEXT, applyResultFor, largePlan } from './fixtures.ts';

/** An AWS message as long as real ones get: a policy document quoted back, say. */
const longMessage = (i: number, length: number): string =>
  `Resource handler returned message: "Invalid stage ${i}: ${'policy statement '.repeat(length / 17)}" (HandlerErrorCode: InvalidRequest)`;

function failedApply(count: number, messageLength: number) {
  const plan = largePlan(count);
  const failures = new Map(
    plan.changes.map((change, i) => [
      change.identifier,
      { errorCode: 'InvalidRequest', statusMessage: longMessage(i, messageLength) },
    ]),
  );
  return { plan, result: applyResultFor(plan, failures) };
}

describe('renderComment for a failed apply with many long AWS messages', () => {
  it('30 failures of ~2,900 characters each: within 65,536, each failure still listed', () => {
    const { plan, result } = failedApply(30, 2_900);
    const full = renderSummary(plan, CONTEXT, { status: 'failed', result });
    assert.ok(full.body.length > 86_000, 'the whole content is as large as the reproduced case');

    const comment = renderComment(plan, CONTEXT, { status: 'failed', result });
    assert.ok(comment.body.length <= COMMENT_CHAR_LIMIT, String(comment.body.length));
    assertWellFormed(comment.body);
    // The first 20 failures (the comment's list cap) are in the table, each message cut to
    // 1,000 characters with the rest pointed to.
    const rows = comment.body.split('\n').filter((line) => line.includes('`InvalidRequest`'));
    assert.equal(rows.length, 20);
    for (const row of rows)
      assert.match(row, /…` \*\(\d[\d,]* more characters in the job summary\)\*/);
    assert.match(comment.body, /…and 10 more failed stages, listed in the job summary/);
    // The summary keeps every message whole.
    assert.ok(full.body.includes(longMessage(29, 2_900)));
  });

  it('when even the capped failures do not fit, the last rows go, said so, record truncated', () => {
    // 20 listed failures of 1,000 characters, plus huge identifiers: more than the limit.
    const { plan, result } = failedApply(20, 1_000);
    const wide = {
      ...result,
      outcomes: result.outcomes.map((o) => ({
        ...o,
        identifier: `${o.identifier}|${'z'.repeat(3_000)}`,
      })),
    };
    const comment = renderComment(plan, CONTEXT, { status: 'failed', result: wide });
    assert.ok(comment.body.length <= COMMENT_CHAR_LIMIT, String(comment.body.length));
    assertWellFormed(comment.body);
    assert.equal(comment.truncated, true);
    assert.equal(parseCommentRecord(comment.body)?.truncated, true);
    const listed = comment.body
      .split('\n')
      .filter((line) => line.includes('`InvalidRequest`')).length;
    assert.ok(listed > 0 && listed < 20, String(listed));
    assert.match(comment.body, new RegExp(`Only the first ${listed} failed stages are listed`));
    assert.match(
      comment.body,
      new RegExp(`…and ${20 - listed} more failed stages, listed in the job summary`),
    );
  });

  it('a short failure list is rendered whole, as before', () => {
    const { plan, result } = failedApply(3, 100);
    const comment = renderComment(plan, CONTEXT, { status: 'failed', result });
    assert.equal(comment.truncated, false);
    assert.doesNotMatch(comment.body, /more characters|more failed stage/);
    assert.ok(comment.body.includes(longMessage(2, 100).replace(/\|/g, '\\|')));
  });
});
