/**
 * scripts/validate-actions.ts: action.yml, the workflows and the README's workflows validate
 * against the published schemas, the validator does catch what the schemas forbid, and
 * `runs.using: node24` is handled by replacing that one value only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  actionForValidator,
  candidates,
  readmeWorkflows,
  validate,
} from '../../scripts/validate-actions.ts';

const ACTION = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');

test('action.yml, every workflow and the README workflows validate', () => {
  const files = candidates();
  const labels = files.map((file) => file.label);
  for (const workflow of ['ci.yml', 'check-dist.yml', 'dogfood.yml', 'release.yml']) {
    assert.ok(labels.includes(`.github/workflows/${workflow}`), labels.join(', '));
  }
  assert.ok(
    labels.some((label) => label.startsWith('README.md')),
    'the README quick start',
  );
  for (const verdict of validate(files))
    assert.ok(verdict.ok, `${verdict.label}\n${verdict.report}`);
});

test('the validator rejects what the schemas forbid', () => {
  const broken = [
    {
      label: 'misspelt runs-on',
      fileName: 'broken.yml',
      text: 'on: push\njobs:\n  a:\n    run-on: ubuntu-latest\n    steps:\n      - run: "true"\n',
    },
    { label: 'node24 as is', fileName: 'action.yml', text: ACTION },
    {
      label: 'an unknown runtime',
      fileName: 'action.yml',
      text: actionForValidator(ACTION.replace('using: node24', 'using: node99')),
    },
  ];
  assert.deepEqual(
    validate(broken).map((verdict) => [verdict.label, verdict.ok]),
    broken.map((file) => [file.label, false]),
  );
});

test('only runs.using: node24 is replaced, on its own line', () => {
  const copy = actionForValidator(ACTION);
  const before = ACTION.split('\n');
  const after = copy.split('\n');
  assert.equal(after.length, before.length, 'line numbers stay those of action.yml');
  const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
  assert.deepEqual(changed, [['  using: node24', '  using: node20']]);
  const other = ACTION.replace('using: node24', 'using: node20');
  assert.equal(actionForValidator(other), other, 'a runtime the validator knows is left alone');
});

test('README blocks are validated only when they are whole workflows', () => {
  const readme = [
    '```yaml\n# .github/workflows/stages.yml\non: push\n```',
    '```yaml\nstrategy: {}\n```',
  ].join('\n\n');
  assert.deepEqual(readmeWorkflows(readme), [
    {
      label: 'README.md (stages.yml)',
      fileName: 'stages.yml',
      text: '# .github/workflows/stages.yml\non: push\n',
    },
  ]);
});
