import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeHtml,
  fencedBlock,
  htmlCode,
  inlineCode,
  logText,
  longestRun,
  markdownLink,
  revealInvisible,
  safeHttpUrl,
  tableRow,
} from '../../src/render/escape.ts';
import { splitGfmRow, stripCode } from './markdown-oracle.ts';

describe('revealInvisible', () => {
  it('shows control, bidi and zero-width characters as JSON-style escapes', () => {
    assert.equal(revealInvisible('a\nb\r\tc'), 'a\\nb\\r\\tc');
    assert.equal(revealInvisible('admin\u202etxt'), 'admin\\u202etxt');
    assert.equal(revealInvisible('x\u2066y\u2069'), 'x\\u2066y\\u2069');
    assert.equal(revealInvisible('zero\u200bwidth\u200d\ufeff'), 'zero\\u200bwidth\\u200d\\ufeff');
    assert.equal(revealInvisible('\u001b[31m \u009b2J \u007f'), '\\u001b[31m \\u009b2J \\u007f');
    assert.equal(revealInvisible('line\u2028sep'), 'line\\u2028sep');
  });

  it('leaves printable text, including non-Latin scripts and emoji, alone', () => {
    const text = 'Zürich – 東京 🚀 <b>&amp;</b> `x` @user';
    assert.equal(revealInvisible(text), text);
  });
});

describe('logText', () => {
  it('keeps data on its own line: a line break and a workflow command stay visible text', () => {
    const name = 'Payments\n::stop-commands::pwned\n::error::fake';
    const line = logText(name);
    assert.equal(line.split(/\r?\n/).length, 1);
    assert.equal(line, 'Payments\\n::stop-commands::pwned\\n::error::fake');
  });

  it('defuses a leading `::`, even after spaces, so the line is never a workflow command', () => {
    assert.equal(logText('::stop-commands::pwned'), ':\\u003astop-commands::pwned');
    assert.equal(logText('  ::warning::x'), '  :\\u003awarning::x');
    assert.doesNotMatch(logText('::add-mask::x'), /^\s*::/);
  });

  it('defuses the older `##[command]` syntax, which the runner finds anywhere in a line', () => {
    assert.equal(
      logText('      ~ Description: "##[stop-commands]x1" -> "Production"'),
      '      ~ Description: "#\\u0023[stop-commands]x1" -> "Production"',
    );
    assert.doesNotMatch(logText('a ##[##[error]b'), /##\[/);
  });

  it('shows bidi controls instead of obeying them, and leaves ordinary names alone', () => {
    assert.equal(logText('admin\u202egpj.exe'), 'admin\\u202egpj.exe');
    assert.equal(logText('Orders-prod_2 (abc1234|prod)'), 'Orders-prod_2 (abc1234|prod)');
  });
});

describe('longestRun', () => {
  it('finds the longest run of one character', () => {
    assert.equal(longestRun('a`b``c```d', '`'), 3);
    assert.equal(longestRun('none', '`'), 0);
  });
});

describe('inlineCode', () => {
  it('wraps plain text in single backticks', () => {
    assert.equal(inlineCode('BasicStage'), '`BasicStage`');
  });

  it('uses a delimiter longer than any backtick run in the content', () => {
    assert.equal(inlineCode('a ``` b'), '````a ``` b````');
    assert.equal(stripCode(inlineCode('a ``` b')), '');
  });

  it('pads content that starts or ends with a backtick, or with spaces on both sides', () => {
    assert.equal(inlineCode('`x'), '`` `x ``');
    assert.equal(inlineCode('x`'), '`` x` ``');
    assert.equal(inlineCode(' x '), '`  x  `');
    assert.equal(inlineCode(' x'), '` x`');
  });

  it('escapes pipes only for table cells, so a row keeps its cells', () => {
    assert.equal(inlineCode('a|b'), '`a|b`');
    assert.equal(inlineCode('a|b', { inTable: true }), '`a\\|b`');
    const row = tableRow([inlineCode('a|b\\|c||', { inTable: true }), 'x']);
    assert.equal(splitGfmRow(row).length, 2);
  });

  it('keeps a row on one line whatever the content holds', () => {
    const cell = inlineCode('one\ntwo\r\nthree', { inTable: true });
    assert.ok(!/[\r\n]/.test(cell));
    assert.equal(cell, '`one\\ntwo\\r\\nthree`');
  });

  it('marks the empty string instead of rendering an empty span', () => {
    assert.equal(inlineCode(''), '*(empty)*');
  });

  it('leaves nothing outside code for HTML, mentions or comment markers', () => {
    for (const hostile of [
      '<script>x</script>',
      '@octo-org/team',
      '<!-- x -->',
      '</details>',
      '**b** [l](u)',
    ]) {
      assert.equal(stripCode(inlineCode(hostile)).trim(), '', hostile);
    }
  });
});

describe('escapeHtml and htmlCode', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(
      escapeHtml(`<a href="x">'&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('wraps escaped, revealed text in a code element', () => {
    assert.equal(htmlCode('</summary>\n@x'), '<code>&lt;/summary&gt;\\n@x</code>');
    assert.equal(htmlCode(''), '<i>(empty)</i>');
  });
});

describe('fencedBlock', () => {
  it('uses three backticks when the content has none', () => {
    assert.equal(fencedBlock('diff', '+ a'), '```diff\n+ a\n```');
  });

  it('uses a fence longer than any backtick run in the content', () => {
    const block = fencedBlock('diff', '+ Description: "```` x"');
    assert.ok(block.startsWith('`````diff\n'));
    assert.ok(block.endsWith('\n`````'));
  });
});

describe('safeHttpUrl and markdownLink', () => {
  it('accepts http(s) URLs and encodes what would end a link destination', () => {
    assert.equal(
      safeHttpUrl('https://github.com/o/r/actions/runs/1'),
      'https://github.com/o/r/actions/runs/1',
    );
    assert.equal(safeHttpUrl('https://x.example/a(b)c'), 'https://x.example/a%28b%29c');
  });

  it('refuses other schemes, relative URLs and garbage', () => {
    assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
    assert.equal(safeHttpUrl('data:text/html,x'), undefined);
    assert.equal(safeHttpUrl('/relative'), undefined);
    assert.equal(safeHttpUrl(undefined), undefined);
  });

  it('renders the label alone when the URL is unsafe', () => {
    assert.equal(markdownLink('run', 'javascript:alert(1)'), 'run');
    assert.equal(markdownLink('run', 'https://x.example/r'), '[run](https://x.example/r)');
  });
});
