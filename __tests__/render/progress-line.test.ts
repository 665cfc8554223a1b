import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyProgressEvent } from '../../src/apply/options.ts';
import { progressLine } from '../../src/render/progress-line.ts';

const HOSTILE = 'Evil\n::stop-commands::pwned\n::error::injected\u202e';

/** Every line a progress event can produce, for names and AWS text chosen to break out. */
function linesFor(text: string): string[] {
  const events: ApplyProgressEvent[] = [
    { type: 'started', name: text, identifier: `abc|${text}`, action: 'create', elapsedMs: 0 },
    {
      type: 'recovering',
      name: text,
      identifier: 'abc|x',
      action: 'update',
      note: text,
      elapsedMs: 1500,
    },
    {
      type: 'settled',
      elapsedMs: 3000,
      outcome: {
        name: text,
        identifier: 'abc|x',
        action: 'update',
        status: 'failed',
        errorCode: text,
        statusMessage: text,
        durationMs: 2000,
        drift: [{ path: text, kind: 'changed', before: 1, after: 2 }],
      },
    },
  ];
  return events.map(progressLine);
}

describe('progressLine', () => {
  it('keeps each event on one line whatever the stage name or AWS message holds', () => {
    for (const line of linesFor(HOSTILE)) {
      assert.equal(line.split(/\r\n|\r|\n/).length, 1, line);
      assert.doesNotMatch(line, /[\u202e\n\r]/u);
      assert.match(line, /Evil\\n::stop-commands::pwned\\n::error::injected\\u202e/);
    }
  });

  it('writes ordinary names as they are', () => {
    const [started, recovering, settled] = linesFor('Payments');
    assert.equal(started, '[  0.0s] create Payments (abc|Payments) started');
    assert.equal(recovering, '[  1.5s] update Payments: Payments');
    assert.match(
      settled ?? '',
      /^\[ {2}3\.0s\] update Payments failed in 2\.0s Payments: Payments/,
    );
  });
});
