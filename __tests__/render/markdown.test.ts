import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import type { Plan } from '../../src/plan/types.ts';
import { parseCommentRecord } from '../../src/render/comment-record.ts';
import {
  COMMENT_CHAR_LIMIT,
  SUMMARY_BYTE_LIMIT,
  renderComment,
  renderSummary,
} from '../../src/render/markdown.ts';
import type { ApplyView } from '../../src/render/types.ts';
import {
  applyResultFor,
  CONTEXT,
  examplesCreatePlan,
  HASH,
  HOSTILE_TEXT,
  hostilePlan,
  largePlan,
  mixedPlan,
  httpApiPlan,
  noChangesPlan,
  notInPlacePlan,
  OTHER_HASH,
  planOf,
  updatePlan,
} from './fixtures.ts';
import { assertGolden } from './golden.ts';
import { releasesPlan } from './release-fixtures.ts';
import { detailsBalance, stripCode, tableShapes, unclosedFence } from './markdown-oracle.ts';

/** Structure every body must have, whatever the plan: balanced blocks, rectangular tables. */
function assertWellFormed(body: string): void {
  assert.equal(unclosedFence(body), false, 'a code fence is left open');
  const balance = detailsBalance(body);
  assert.equal(balance.open, balance.close, 'unbalanced <details>');
  for (const table of tableShapes(body)) {
    for (const cells of table.rows)
      assert.equal(cells, table.header, 'a table row has the wrong number of cells');
  }
}

const failedStages = new Map([
  [
    'abc1234|staging',
    {
      errorCode: 'InvalidRequest',
      statusMessage:
        'Invalid request provided: Cache TTL must be between 0 and 3600 seconds (Service: ApiGateway, Status Code: 400)',
    },
  ],
  [
    'abc1234|legacy',
    { errorCode: 'ServiceInternalError', statusMessage: 'Internal failure.\nRetry later.' },
  ],
]);

describe('renderComment goldens', () => {
  const cases: [string, () => { body: string }][] = [
    ['comment-examples-create.md', () => renderComment(examplesCreatePlan(), CONTEXT)],
    ['comment-update.md', () => renderComment(updatePlan(), CONTEXT)],
    ['comment-mixed.md', () => renderComment(mixedPlan(), CONTEXT)],
    ['comment-no-changes.md', () => renderComment(noChangesPlan(), CONTEXT)],
    ['comment-hostile.md', () => renderComment(hostilePlan(), CONTEXT)],
    ['comment-large.md', () => renderComment(largePlan(2_000), CONTEXT)],
    [
      'comment-applying.md',
      () =>
        renderComment(mixedPlan(), CONTEXT, {
          status: 'applying',
          reviewedPlanHash: HASH,
          mismatchPolicy: 'warn',
        }),
    ],
    [
      'comment-applied.md',
      () =>
        renderComment(mixedPlan(), CONTEXT, {
          status: 'applied',
          reviewedPlanHash: HASH,
          mismatchPolicy: 'warn',
          result: applyResultFor(mixedPlan()),
        }),
    ],
    [
      'comment-failed.md',
      () =>
        renderComment(mixedPlan(), CONTEXT, {
          status: 'failed',
          reviewedPlanHash: OTHER_HASH,
          mismatchPolicy: 'warn',
          result: applyResultFor(mixedPlan(), failedStages),
        }),
    ],
    ['summary-mixed.md', () => renderSummary(mixedPlan(), CONTEXT)],
    ['comment-releases.md', () => renderComment(releasesPlan(), CONTEXT)],
    ['comment-http-api.md', () => renderComment(httpApiPlan(), CONTEXT)],
  ];
  for (const [file, render] of cases) {
    it(`matches ${file}`, () => {
      const { body } = render();
      assertWellFormed(body);
      assertGolden(file, body);
    });
  }
});

describe('renderComment content', () => {
  it('starts with the hidden record, which later runs can parse', () => {
    const plan = mixedPlan();
    const { body } = renderComment(plan, CONTEXT);
    assert.deepEqual(parseCommentRecord(body), {
      tool: 'stage-sync',
      version: '0.1.0',
      target: plan.target,
      planHash: plan.hash,
      truncated: false,
      status: 'planned',
    });
  });

  it('summarises the counts in one line and lists every changed stage in the table', () => {
    const { body } = renderComment(mixedPlan(), CONTEXT);
    assert.ok(body.includes('**1 to create, 1 to update, 1 to delete** (2 unchanged)'));
    for (const row of [
      '🔴 **delete** | *undeclared* | `abc1234\\|legacy`',
      '🟢 **create** | `BasicStage`',
      '🟡 **update** | `AdvancedStage`',
    ]) {
      assert.ok(body.includes(row), row);
    }
  });

  it('warns prominently when anything will be deleted, and only then', () => {
    assert.ok(
      renderComment(mixedPlan(), CONTEXT).body.includes(
        '> [!CAUTION]\n> **1 stage will be deleted** from AWS: `abc1234|legacy`.',
      ),
    );
    assert.ok(!renderComment(examplesCreatePlan(), CONTEXT).body.includes('[!CAUTION]'));
  });

  it('says "No changes" explicitly, with no table and no diff section', () => {
    const { body } = renderComment(noChangesPlan(), CONTEXT);
    assert.ok(body.includes('**No changes.** All 3 declared stages already match AWS'));
    assert.ok(!body.includes('| Action |'));
    assert.ok(!body.includes('### Property changes'));
  });

  it('shows old and new values of an update and only the differing properties', () => {
    const { body } = renderComment(updatePlan(), CONTEXT);
    assert.ok(
      body.includes('~ Description:\n-   "Staging stage"\n+   "Staging stage for the API"'),
    );
    assert.ok(body.includes('- Tags[Team]: "payments"'));
    assert.ok(body.includes('+ Variables.lambdaAlias: "live"'));
    assert.ok(!body.includes('RestApiId'), 'unchanged properties are not shown');
  });

  it('shows a no-op’s change AWS cannot make in place, and the unread previous specs', () => {
    const { body } = renderComment(notInPlacePlan(), CONTEXT);
    assert.match(
      body,
      /<summary>⚪ <b>no change<\/b> <code>BasicStage<\/code> · <code>abc1234\|production<\/code> · 1 change · ⚠️ not in place<\/summary>/,
    );
    assert.ok(
      body.includes(
        '> [!NOTE]\n> The specs of the last apply could not be read (`no earlier apply recorded on these stages`)',
      ),
    );
    assert.ok(!renderComment(updatePlan(), CONTEXT).body.includes('could not be read'));
  });

  it('marks changes AWS cannot make in place with their note', () => {
    const { body } = renderComment(hostilePlan(), CONTEXT);
    assert.ok(
      body.includes(
        '~ DocumentationVersion:  # AWS cannot change this in place: the apply leaves it',
      ),
    );
    assert.ok(
      body.includes('> [!WARNING]\n> **1 stage changes a property AWS cannot change in place**'),
    );
  });

  it('reports prune skips by reason', () => {
    const { body } = renderComment(mixedPlan(), CONTEXT);
    assert.ok(
      body.includes(
        '- **2 unmanaged stages** (no `stage-sync:managed-by` tag): `abc1234|manual-test`, `def5678|sandbox`',
      ),
    );
    assert.ok(body.includes('- **1 stage managed by another repository**'));
  });

  it('ends with the commit and a link to the run', () => {
    const { body } = renderComment(mixedPlan(), CONTEXT);
    const footer = body.slice(body.lastIndexOf('---'));
    assert.ok(
      footer.includes(
        `[\`4f2a9c1\`](https://github.com/${CONTEXT.repository}/commit/${CONTEXT.commitSha})`,
      ),
    );
    assert.ok(footer.includes(`[workflow run](${CONTEXT.runUrl})`));
  });

  it('is byte-stable: the same plan in another order renders the same bytes', () => {
    const plan = mixedPlan();
    const shuffled: Plan = { ...plan, changes: [...plan.changes].reverse() };
    assert.equal(renderComment(shuffled, CONTEXT).body, renderComment(plan, CONTEXT).body);
    assert.equal(renderComment(plan, CONTEXT).body, renderComment(mixedPlan(), CONTEXT).body);
  });

  it('shows a timestamp only when the context passes one', () => {
    assert.ok(!/\d{4}-\d{2}-\d{2}T/.test(renderComment(mixedPlan(), CONTEXT).body));
    const body = renderComment(mixedPlan(), {
      ...CONTEXT,
      generatedAt: '2026-11-02T10:00:00Z',
    }).body;
    assert.ok(body.includes('`2026-11-02T10:00:00Z`'));
  });

  it('links nothing when the context has no safe server URL', () => {
    const { body } = renderComment(mixedPlan(), {
      ...CONTEXT,
      serverUrl: 'javascript:alert(1)',
      runUrl: 'file:///etc/passwd',
    });
    assert.ok(!body.includes('](javascript'));
    assert.ok(!body.includes('file:///'));
    assert.ok(body.includes('`examples/alchemy-stages.yml:9`'));
  });
});

describe('hostile text', () => {
  const plan = hostilePlan();
  const { body } = renderComment(plan, CONTEXT);
  const [recordLine = '', ...rest] = body.split('\n');
  const rendered = rest.join('\n');
  const outsideCode = stripCode(rendered);
  const ownText = stripCode(renderComment(mixedPlan(), CONTEXT).body);

  it('keeps every hostile string out of the parts GitHub renders as Markdown or HTML', () => {
    for (const [kind, text] of Object.entries(HOSTILE_TEXT)) {
      // Words our own text also uses ("and", "please") say nothing; distinctive fragments do.
      const fragments = text
        .split(/\s+/)
        .filter((part) => part.length >= 3 && !ownText.includes(part));
      assert.ok(!outsideCode.includes(text), `${kind} appears outside code`);
      for (const fragment of fragments) {
        assert.ok(!outsideCode.includes(fragment), `${kind}: "${fragment}" appears outside code`);
      }
    }
  });

  it('leaves no HTML, mention, comment marker or autolink outside code but its own', () => {
    assert.ok(!/@[A-Za-z0-9]/.test(outsideCode), 'a mention outside code');
    assert.ok(!outsideCode.includes('<!--'), 'a comment marker outside code');
    assert.ok(!/<(img|script)[ >]|<b>bold/.test(outsideCode), 'hostile HTML outside code');
    assert.ok(!/https?:\/\/evil/.test(outsideCode), 'a hostile link outside code');
    const tags = outsideCode.match(/<\/?[a-z]+[^>]*>/g) ?? [];
    for (const tag of tags) assert.match(tag, /^<\/?(details|summary|sub|b|i)( open)?>$/, tag);
  });

  it('keeps the layout: balanced blocks, rectangular tables, one record line', () => {
    assertWellFormed(body);
    assert.equal(
      body.split('\n').filter((line) => line.startsWith('<!-- stage-sync:record')).length,
      1,
    );
    assert.equal(parseCommentRecord(recordLine)?.target, plan.target);
  });

  it('shows bidi and zero-width characters as escapes, never raw', () => {
    assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/.test(body));
    assert.ok(body.includes('admin\\u202e\\u2066txt.exe\\u2069 zero\\u200bwidth'));
  });

  it('never puts data at the start of a line, where it could open a block', () => {
    for (const line of rest) {
      assert.ok(!/^(<img|<script|# heading|- \[ \]|::error)/.test(line), line);
    }
  });
});

describe('size limits', () => {
  it('fits a 2,000-stage plan under 65,536 characters and says what was left out', () => {
    const plan = largePlan(2_000);
    const rendered = renderComment(plan, CONTEXT);
    assert.ok(rendered.body.length <= COMMENT_CHAR_LIMIT, `${rendered.body.length} characters`);
    assert.equal(rendered.truncated, true);
    assert.equal(parseCommentRecord(rendered.body)?.truncated, true);
    assert.equal(rendered.omitted.level, 'partial-list');
    assert.equal(rendered.omitted.diffs.length, 2_000);
    assert.ok(rendered.omitted.rows > 0);
    assert.ok(
      rendered.body.includes(
        `${rendered.omitted.rows.toLocaleString('en-US')} stages and all property changes are left out`,
      ),
    );
    assert.ok(rendered.body.includes('[job summary of the workflow run]'));
    assert.ok(rendered.body.includes('**0 to create, 2,000 to update, 0 to delete**'));
  });

  it('drops only the largest diffs when that is enough', () => {
    const rendered = renderComment(largePlan(150), CONTEXT);
    assert.ok(rendered.body.length <= COMMENT_CHAR_LIMIT);
    assert.equal(rendered.omitted.level, 'some-diffs');
    assert.equal(rendered.omitted.rows, 0);
    const [first] = rendered.omitted.diffs;
    assert.ok(first !== undefined && rendered.body.includes(`largest first: \`${first}\``));
    assert.ok(rendered.body.includes('`Tenant0149`'), 'the table still lists every stage');
  });

  it('gives the job summary the full plan up to 1 MiB', () => {
    const mid = renderSummary(largePlan(150), CONTEXT);
    assert.equal(mid.truncated, false);
    assert.ok(!mid.body.startsWith('<!--'), 'the summary has no hidden record');
    const large = renderSummary(largePlan(2_000), CONTEXT);
    assert.ok(Buffer.byteLength(large.body, 'utf8') <= SUMMARY_BYTE_LIMIT);
    assert.equal(large.truncated, true);
    assert.ok(large.body.includes("Shortened to fit GitHub's 1 MiB limit for job summaries"));
  });
});

describe('apply states', () => {
  const plan = mixedPlan();
  const render = (view: ApplyView): string => renderComment(plan, CONTEXT, view).body;

  it('records the status in the hidden header', () => {
    for (const status of ['applying', 'applied', 'failed'] as const) {
      const view: ApplyView =
        status === 'applying' ? { status } : { status, result: applyResultFor(plan, failedStages) };
      assert.equal(parseCommentRecord(render(view))?.status, status);
    }
  });

  it('names each failed stage with AWS error code and message, next to what was applied', () => {
    const body = render({ status: 'failed', result: applyResultFor(plan, failedStages) });
    assert.ok(body.includes('**2 failed**, 1 applied (1 created), 2 unchanged'));
    assert.ok(
      body.includes(
        '| `AdvancedStage` | `abc1234\\|staging` | update | `InvalidRequest` | `Invalid request provided: Cache TTL',
      ),
    );
    assert.ok(body.includes('`ServiceInternalError` | `Internal failure.\\nRetry later.`'));
    assert.ok(body.includes('| ✅ applied · 2.0 s |'));
    assert.ok(body.includes('| ❌ failed · 1.2 s |'));
  });

  it('shows the plan mismatch: the hash reviewers saw and the hash at merge', () => {
    const body = render({
      status: 'applied',
      reviewedPlanHash: OTHER_HASH,
      mismatchPolicy: 'warn',
      result: applyResultFor(plan),
    });
    assert.ok(body.includes(`Reviewers saw plan \`${OTHER_HASH}\`; at merge it is \`${HASH}\`.`));
    assert.ok(body.includes('It was applied as computed at merge'));
    assert.ok(
      !render({ status: 'applied', reviewedPlanHash: HASH, result: applyResultFor(plan) }).includes(
        '[!WARNING]',
      ),
    );
  });

  it('says nothing was applied when plan-mismatch is fail', () => {
    const body = render({ status: 'failed', reviewedPlanHash: OTHER_HASH, mismatchPolicy: 'fail' });
    assert.ok(body.includes('**Nothing was applied.**'));
    assert.ok(body.includes('because `plan-mismatch` is `fail`'));
  });

  it('reports stages that read back differently after apply, and recovery notes', () => {
    const result = applyResultFor(plan);
    const outcomes = result.outcomes.map((outcome) =>
      outcome.name === 'BasicStage'
        ? {
            ...outcome,
            drift: [
              {
                path: 'Description',
                kind: 'changed' as const,
                before: 'Production',
                after: 'Production stage for the API',
              },
            ],
            notes: ['AlreadyExists: continued as an update'],
          }
        : outcome,
    );
    const body = render({ status: 'applied', result: { ...result, outcomes } });
    assert.ok(body.includes('### ⚠️ Not as planned after apply'));
    assert.ok(
      body.includes('~ Description:\n-   "Production"\n+   "Production stage for the API"'),
    );
    assert.ok(body.includes('- `BasicStage`: `AlreadyExists: continued as an update`'));
    assertWellFormed(body);
  });

  it('explains an interrupted apply: what was in flight and what never started', () => {
    const result = applyResultFor(plan);
    const outcomes = result.outcomes.map((outcome) =>
      outcome.action === 'update'
        ? { ...outcome, status: 'in-flight' as const }
        : outcome.action === 'create'
          ? { ...outcome, status: 'not-started' as const }
          : outcome,
    );
    const body = render({
      status: 'failed',
      result: { ...result, status: 'interrupted', outcomes },
    });
    assert.ok(
      body.includes('**The run was stopped before the apply finished:** 1 stage in flight'),
    );
    assert.ok(body.includes('⏳ in flight (may still complete)'));
    assert.ok(body.includes('⏭️ not started'));
  });
});

describe('takeovers', () => {
  const takenOver = (from?: string): Plan => {
    const plan = updatePlan();
    const [change] = plan.changes;
    assert.equal(change?.action, 'update');
    return { ...plan, changes: [{ ...change, takeover: from ? { from } : {} } as typeof change] };
  };

  it('a stage another repository owns is a caution naming both owners, in comment and summary', () => {
    const plan = takenOver('other-org/other-repo');
    for (const body of [renderComment(plan, CONTEXT).body, renderSummary(plan, CONTEXT).body]) {
      assert.match(body, /> \[!CAUTION\]\n> \*\*1 stage will be taken over\*\* by `[^`]+`/);
      assert.match(body, /managed by `other-org\/other-repo`/);
    }
  });

  it('a stage with no ownership tag says so', () => {
    assert.match(renderComment(takenOver(), CONTEXT).body, /\(no ownership tag\)/);
  });

  it('an update of our own stage has no takeover caution', () => {
    assert.doesNotMatch(renderComment(updatePlan(), CONTEXT).body, /taken over/);
  });
});

it('the comment lists the first paths left to other tools and counts the rest; the summary lists all', () => {
  const one = releasesPlan().changes.find((change) => change.name === 'PaymentsLive');
  assert.ok(one);
  const many = Array.from({ length: 30 }, (_, index) => ({
    ...one,
    name: `Live${String(index).padStart(2, '0')}`,
    identifier: `a1b2c3d4e5|live${index}`,
  }));
  const plan = planOf(many);
  const comment = renderComment(plan, CONTEXT).body;
  const rows = (text: string) => text.split('\n').filter((line) => /^\| `Live\d\d` \|/.test(line));
  const section = (text: string) => text.slice(text.indexOf('### Left to other tools'));
  assert.equal(rows(section(comment)).length, 20);
  assert.match(comment, /…and 40 more paths \(the job summary lists them all\)\./);
  assert.equal(rows(section(renderSummary(plan, CONTEXT).body)).length, 60);
});
