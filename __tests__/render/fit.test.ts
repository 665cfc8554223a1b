import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { characterCount, fitSections, type Sections, utf8ByteCount } from '../../src/render/fit.ts';
import { detailsBalance, unclosedFence } from './markdown-oracle.ts';

function diff(name: string, lines: number): { name: string; markdown: string } {
  const body = Array.from({ length: lines }, (_, i) => `+ ${name}.p${i}: "${'v'.repeat(20)}"`).join(
    '\n',
  );
  return {
    name,
    markdown: `<details>\n<summary>${name}</summary>\n\n\`\`\`diff\n${body}\n\`\`\`\n\n</details>`,
  };
}

function sections(overrides: Partial<Sections> = {}): Sections {
  return {
    record: (truncated) => `<!-- record ${JSON.stringify({ truncated })} -->`,
    head: ['## Plan', '**3 to update**'],
    table: {
      header: '| Stage |\n| :-- |',
      rows: Array.from({ length: 30 }, (_, i) => `| \`stage-${String(i).padStart(2, '0')}\` |`),
    },
    unchanged: `<details>\n<summary>20 unchanged stages</summary>\n\n${Array.from({ length: 20 }, (_, i) => `- \`same-${i}\``).join('\n')}\n\n</details>`,
    diffsHeading: '### Property changes',
    diffs: [diff('small', 2), diff('huge', 40), diff('medium', 10)],
    tail: ['### Left alone\n\n- `x`'],
    footer: '---\n\n<sub>footer</sub>',
    ...overrides,
  };
}

const options = (budget: number) => ({
  budget,
  measure: characterCount,
  limitLabel: 'the test limit',
  pointer: 'See the job summary.',
});

describe('fitSections', () => {
  it('returns everything, untruncated, when it fits', () => {
    const fitted = fitSections(sections(), options(100_000));
    assert.equal(fitted.truncated, false);
    assert.equal(fitted.omitted.level, 'full');
    assert.ok(fitted.body.startsWith('<!-- record {"truncated":false} -->\n## Plan'));
    assert.ok(fitted.body.includes('20 unchanged stages'));
    assert.ok(!fitted.body.includes('Shortened'));
  });

  it('leaves out the unchanged list first', () => {
    const full = fitSections(sections(), options(100_000)).body;
    const fitted = fitSections(sections(), options(full.length - 1));
    assert.equal(fitted.omitted.level, 'without-unchanged');
    assert.equal(fitted.omitted.unchangedList, true);
    assert.deepEqual(fitted.omitted.diffs, []);
    assert.ok(fitted.body.includes('The list of unchanged stages is left out.'));
    assert.ok(fitted.body.startsWith('<!-- record {"truncated":true} -->'));
  });

  it('then drops the largest diffs first, names them, and keeps the others in order', () => {
    const withoutHuge = fitSections(
      sections({ diffs: [diff('small', 2), diff('medium', 10)], unchanged: undefined }),
      options(100_000),
    );
    const fitted = fitSections(sections(), options(withoutHuge.body.length + 300));
    assert.equal(fitted.omitted.level, 'some-diffs');
    assert.deepEqual(fitted.omitted.diffs, ['huge']);
    assert.ok(fitted.body.includes('left out, largest first: `huge`.'));
    assert.ok(!fitted.body.includes('huge.p0'));
    assert.ok(fitted.body.indexOf('small.p0') < fitted.body.indexOf('medium.p0'));
    assert.ok(fitted.body.length <= withoutHuge.body.length + 300);
  });

  it('degrades step by step, in order, as the budget shrinks', () => {
    const order = [
      'full',
      'without-unchanged',
      'some-diffs',
      'list-only',
      'partial-list',
      'summary-only',
    ];
    const firstAt = new Map<
      string,
      { budget: number; body: string; rows: number; diffs: readonly string[] }
    >();
    let previous = 0;
    const minimal = fitSections(sections(), options(0)).body.length;
    for (let budget = 5_000; budget >= minimal; budget -= 10) {
      const fitted = fitSections(sections(), options(budget));
      const rank = order.indexOf(fitted.omitted.level);
      assert.ok(rank >= previous, `${fitted.omitted.level} after ${order[previous]} at ${budget}`);
      previous = rank;
      assert.ok(fitted.body.length <= budget);
      if (!firstAt.has(fitted.omitted.level)) {
        firstAt.set(fitted.omitted.level, {
          budget,
          body: fitted.body,
          rows: fitted.omitted.rows,
          diffs: fitted.omitted.diffs,
        });
      }
    }
    assert.deepEqual([...firstAt.keys()], order);

    const listOnly = firstAt.get('list-only');
    assert.deepEqual(listOnly?.diffs, ['small', 'huge', 'medium']);
    assert.ok(listOnly?.body.includes('`stage-29`'));
    assert.ok(listOnly?.body.includes('The property changes of all 3 stages are left out.'));

    const partial = firstAt.get('partial-list');
    assert.ok(partial && partial.rows > 0 && partial.rows < 30);
    assert.ok(partial.body.includes('`stage-00`'));
    assert.ok(!partial.body.includes('`stage-29`'));
    assert.ok(partial.body.includes(`…and ${partial.rows} more stages.`));

    const summary = firstAt.get('summary-only');
    assert.ok(!summary?.body.includes('| Stage |'));
    assert.ok(
      summary?.body.includes(
        'The stage table and the property changes are left out. The list of unchanged stages is left out. See the job summary.',
      ),
    );
  });

  it('returns the bare summary rather than throwing when nothing fits', () => {
    const fitted = fitSections(sections(), options(10));
    assert.equal(fitted.truncated, true);
    assert.equal(fitted.omitted.level, 'summary-only');
    assert.ok(fitted.body.includes('## Plan'));
    assert.ok(!fitted.body.includes('Left alone'));
  });

  it('for any budget: within it whenever the summary fits, and never cuts a block', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 60 })),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 8_000 }),
        (specs, budget) => {
          // Unique names (the planner's are unique) so each block is found by its name.
          const input = sections({
            diffs: specs.map(([name, lines], index) => diff(`d${index}-${name}`, lines)),
          });
          const fitted = fitSections(input, options(budget));
          const minimal = fitSections(input, options(0)).body.length;
          if (budget >= minimal)
            assert.ok(fitted.body.length <= budget, `${fitted.body.length} > ${budget}`);
          assert.equal(fitted.truncated, fitted.omitted.level !== 'full');
          const balance = detailsBalance(fitted.body);
          assert.equal(balance.open, balance.close);
          assert.equal(unclosedFence(fitted.body), false);
          for (const block of input.diffs) {
            const shown = fitted.body.includes(block.markdown);
            assert.equal(shown, !fitted.omitted.diffs.includes(block.name), block.name);
          }
        },
      ),
    );
  });
});

describe('size measures', () => {
  it('counts UTF-8 bytes exactly as Buffer does, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({
          unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        }),
        (text, surrogates) => {
          assert.equal(utf8ByteCount(text), Buffer.byteLength(text, 'utf8'));
          assert.equal(
            utf8ByteCount(surrogates + text),
            Buffer.byteLength(surrogates + text, 'utf8'),
          );
        },
      ),
    );
  });

  it('never counts fewer characters than code points', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (text) => characterCount(text) >= [...text].length,
      ),
    );
  });
});
