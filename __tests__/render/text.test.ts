import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import type { StageChange } from '../../src/plan/types.ts';
import { renderPlanText } from '../../src/render/text.ts';
import {
  examplesCreatePlan,
  hostilePlan,
  mixedPlan,
  noChangesPlan,
  notInPlacePlan,
  planOf,
  REPOSITORY,
  updatePlan,
  httpApiPlan,
} from './fixtures.ts';
import { assertGolden } from './golden.ts';
import { releasesPlan } from './release-fixtures.ts';

// eslint-disable-next-line no-control-regex -- control characters are what is tested.
const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderPlanText goldens', () => {
  const cases: [string, string][] = [
    ['text-examples-create.txt', renderPlanText(examplesCreatePlan(), { color: false })],
    ['text-update.txt', renderPlanText(updatePlan(), { color: false })],
    ['text-http-api.txt', renderPlanText(httpApiPlan(), { color: false })],
    ['text-mixed.txt', renderPlanText(mixedPlan(), { color: false })],
    ['text-mixed-color.txt', renderPlanText(mixedPlan(), { color: true })],
    ['text-no-changes.txt', renderPlanText(noChangesPlan(), { color: false })],
    ['text-hostile.txt', renderPlanText(hostilePlan(), { color: false })],
    ['text-releases.txt', renderPlanText(releasesPlan(), { color: false })],
  ];
  for (const [file, text] of cases) {
    it(`matches ${file}`, () => assertGolden(file, text));
  }
});

describe('renderPlanText', () => {
  it('uses Terraform signs, the words of every other renderer, and ends with a summary line', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    assert.match(text, /^ {2}- delete {4}abc1234\|legacy {2}\(no spec declares it\)$/m);
    assert.match(
      text,
      /^ {2}\+ create {4}BasicStage {2}abc1234\|production {2}examples\/alchemy-stages\.yml:9$/m,
    );
    assert.match(text, /^ {2}~ update {4}AdvancedStage {2}abc1234\|staging/m);
    assert.match(text, /^ {6}~ Description: "Staging stage" -> "Staging stage for the API"$/m);
    assert.match(text, /^ {6}- Tags\[Team\]: "payments"$/m);
    assert.match(text, /^ {6}\+ Variables\.lambdaAlias: "live"$/m);
    assert.ok(text.endsWith('Plan: 1 to create, 1 to update, 1 to delete, 2 unchanged.\n'));
  });

  it('colours only when asked, and the colours carry no extra text', () => {
    const plain = renderPlanText(mixedPlan(), { color: false });
    const coloured = renderPlanText(mixedPlan(), { color: true });
    assert.ok(!plain.includes('\u001b'));
    assert.ok(coloured.includes('\u001b[32m      + Variables.lambdaAlias: "live"\u001b[0m'));
    assert.ok(coloured.includes('\u001b[31m      - Tags[Team]: "payments"\u001b[0m'));
    assert.equal(coloured.replace(ANSI, ''), plain);
  });

  it('says "No changes" when nothing would change', () => {
    const text = renderPlanText(noChangesPlan(), { color: false });
    assert.ok(text.includes('No changes. All 3 declared stages already match AWS.'));
    assert.ok(text.endsWith('Plan: 0 to create, 0 to update, 0 to delete, 3 unchanged.\n'));
  });

  it('agrees in number when one stage matches', () => {
    const [first] = noChangesPlan().changes;
    const text = renderPlanText(planOf(first ? [first] : []), { color: false });
    assert.ok(text.includes('No changes. The 1 declared stage already matches AWS.\n'), text);
    assert.doesNotMatch(text, /stage already match\b/);
  });

  it('says it adopts stages whose only change is the ownership tag', () => {
    const adoption = (name: string): StageChange => ({
      action: 'update',
      type: 'AWS::ApiGateway::Stage',
      name,
      identifier: `abc1234|${name.toLowerCase()}`,
      source: { file: 'stages/imported.yml', line: 3, column: 3 },
      declared: {},
      diffs: [
        {
          path: `Tags[${MANAGED_BY_TAG_KEY}]`,
          kind: 'added',
          after: REPOSITORY,
        },
      ],
      before: {},
      after: {},
      patch: [],
    });
    const adopting = renderPlanText(planOf([adoption('Dev'), adoption('Prod')]), { color: false });
    assert.match(
      adopting,
      /^Adopting 2 stages: the only change is the stage-sync:managed-by tag\.$/m,
    );
    const mixed = renderPlanText(planOf([adoption('Dev'), ...mixedPlan().changes]), {
      color: false,
    });
    assert.match(
      mixed,
      /^Adopting 1 stage: for these the only change is the stage-sync:managed-by tag\.$/m,
    );
    assert.doesNotMatch(renderPlanText(mixedPlan(), { color: false }), /Adopting/);
  });

  it('escapes control characters in data, so no value moves the cursor or starts a line', () => {
    for (const color of [false, true]) {
      const text = renderPlanText(hostilePlan(), { color }).replace(ANSI, '');
      // eslint-disable-next-line no-control-regex -- control characters are what is tested.
      assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text));
      for (const line of text.split('\n')) {
        assert.ok(!line.startsWith('::') && !line.startsWith('##['), line);
      }
    }
    assert.ok(
      renderPlanText(hostilePlan(), { color: false }).includes(
        '\\u001b[31mred\\u001b[0m \\u009b2J ::error::injected',
      ),
    );
  });

  it('is byte-stable whatever the order of the changes', () => {
    const plan = mixedPlan();
    const reversed = { ...plan, changes: [...plan.changes].reverse() };
    assert.equal(renderPlanText(reversed, { color: true }), renderPlanText(plan, { color: true }));
  });

  it('shows a change AWS cannot make in place under its unchanged stage, with its note', () => {
    const text = renderPlanText(notInPlacePlan(), { color: false });
    assert.match(
      text,
      /^ {4}BasicStage {2}abc1234\|production\n {6}~ DocumentationVersion: {2}# AWS cannot change this in place.*\n {6}- {3}"1"\n {6}\+ {3}"2"$/m,
    );
  });

  it('says when the previous specs could not be read, and not when they were', () => {
    const notice =
      /^The specs of the last apply could not be read \(no earlier apply recorded on these stages\): .* is left as AWS has it, not removed\.$/m;
    assert.match(renderPlanText(notInPlacePlan(), { color: false }), notice);
    assert.doesNotMatch(renderPlanText(updatePlan(), { color: false }), /could not be read/);
  });
});
