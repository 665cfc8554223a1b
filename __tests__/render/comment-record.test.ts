import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatCommentRecord,
  parseCommentRecord,
  reviewedPlanHashOf,
  type CommentRecord,
} from '../../src/render/comment-record.ts';

const RECORD: CommentRecord = {
  tool: 'stage-sync',
  version: '0.1.0',
  target: 'us-east-1: stages/--weird--/*.yml',
  planHash: 'sha256:aaa',
  truncated: false,
  status: 'planned',
};

test('a record survives the round trip, even with -- in its text (not allowed in HTML comments)', () => {
  const line = formatCommentRecord(RECORD);
  assert.ok(!line.slice(4, -3).includes('--'), line);
  assert.deepEqual(parseCommentRecord(`${line}\n## body`), RECORD);
});

test('a body edited in the browser, its lines ending in \\r\\n, keeps its record', () => {
  const edited = `${formatCommentRecord(RECORD)}\n## body\nedited by hand`.replace(/\n/g, '\r\n');
  assert.deepEqual(parseCommentRecord(edited), RECORD);
});

test('a body without a record on its first line is not ours', () => {
  assert.equal(parseCommentRecord(`quote:\n${formatCommentRecord(RECORD)}`), undefined);
  assert.equal(parseCommentRecord('<!-- stage-sync:record {not json} -->'), undefined);
});

test('the reviewed hash: the plan while planned; carried over while the apply has written nothing', () => {
  assert.equal(reviewedPlanHashOf(RECORD), 'sha256:aaa');
  assert.equal(
    reviewedPlanHashOf({
      ...RECORD,
      status: 'failed',
      planHash: 'sha256:bbb',
      reviewedPlanHash: 'sha256:aaa',
    }),
    'sha256:aaa',
  );
  assert.equal(
    reviewedPlanHashOf({ ...RECORD, status: 'applying', reviewedPlanHash: 'sha256:aaa' }),
    'sha256:aaa',
    'a job killed while applying leaves the review for its re-run',
  );
  assert.equal(
    reviewedPlanHashOf({ ...RECORD, status: 'applied', planHash: 'sha256:bbb' }),
    undefined,
  );
  assert.equal(reviewedPlanHashOf(undefined), undefined);
});
