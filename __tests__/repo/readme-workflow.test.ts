/**
 * The README's quick start is a workflow people copy as it is: it may use only the inputs and
 * outputs action.yml declares, each job asks for the permissions the README's table gives it,
 * applies share one concurrency group that plans are not in, and its drift step opens, updates
 * or closes the issue as it says (run here with a fake `gh` on PATH).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { load } from 'js-yaml';
import { readmeWorkflows } from '../../scripts/validate-actions.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const [quickStart] = readmeWorkflows(read('README.md'));
const workflow = load(quickStart?.text ?? '') as Workflow;
const manifest = load(read('action.yml')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const ours = (step: Step): boolean => /^stage-sync\/stage-sync@/.test(step.uses ?? '');

test('the quick start has a plan, an apply and a drift-check job, each using the action', () => {
  assert.equal(quickStart?.fileName, 'stages.yml');
  assert.deepEqual(Object.keys(workflow.jobs), ['plan', 'apply', 'drift']);
  for (const [name, job] of Object.entries(workflow.jobs)) {
    assert.equal(job.steps.filter(ours).length, 1, name);
  }
});

test('the quick start uses only inputs and outputs that action.yml declares', () => {
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const ids = new Set(job.steps.filter(ours).map((step) => step.id));
    for (const step of job.steps) {
      if (ours(step)) {
        for (const input of Object.keys(step.with ?? {})) {
          assert.ok(input in manifest.inputs, `${name}: input ${input}`);
        }
      }
      const text = JSON.stringify(step);
      for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (ids.has(id)) assert.ok(output! in manifest.outputs, `${name}: output ${output}`);
      }
    }
  }
});

test('each job asks for the least permissions it needs, and nothing is granted globally', () => {
  assert.deepEqual(workflow.permissions, {});
  const { plan, apply, drift } = workflow.jobs as Record<string, Job>;
  assert.deepEqual(plan?.permissions, {
    contents: 'read',
    'pull-requests': 'write',
    'id-token': 'write',
  });
  assert.deepEqual(apply?.permissions, plan?.permissions);
  assert.deepEqual(drift?.permissions, {
    contents: 'read',
    issues: 'write',
    'id-token': 'write',
  });
});

test('applies share one group and wait; plans are grouped per pull request, apart from them', () => {
  const { plan, apply } = workflow.jobs as Record<string, Job>;
  assert.equal(apply?.concurrency?.group.includes('${{'), false, 'one group for every apply');
  assert.equal(apply?.concurrency?.['cancel-in-progress'], false);
  assert.match(plan?.concurrency?.group ?? '', /github\.event\.pull_request\.number/);
  assert.equal(plan?.concurrency?.['cancel-in-progress'], true);
});

/**
 * A fake gh: issues with labels in a JSON file, one log line per call. `issue list` prints what
 * `--json number --jq '.[0].number // empty'` prints: the first open issue's number, or nothing.
 */
const FAKE_GH = `
const fs = require('node:fs');
const state = process.env.FAKE_GH_STATE;
const db = JSON.parse(fs.readFileSync(state, 'utf8'));
const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(name) + 1];
db.calls.push(args.slice(0, 2).join(' '));
const [group, verb] = args;
if (group === 'issue' && verb === 'list') {
  const open = db.issues.filter((i) => i.state === 'open' && i.labels.includes(option('--label')));
  if (open[0]) process.stdout.write(open[0].number + '\\n');
} else if (group === 'label' && verb === 'create') {
  if (!db.labels.includes(args[2])) db.labels.push(args[2]);
} else if (group === 'issue' && verb === 'create') {
  if (!db.labels.includes(option('--label'))) { console.error('label not found'); process.exit(1); }
  db.issues.push({ number: db.issues.length + 1, state: 'open', title: option('--title'),
    labels: [option('--label')], body: fs.readFileSync(option('--body-file'), 'utf8') });
} else if (group === 'issue' && verb === 'edit') {
  db.issues.find((i) => i.number === Number(args[2])).body = fs.readFileSync(option('--body-file'), 'utf8');
} else if (group === 'issue' && verb === 'close') {
  const issue = db.issues.find((i) => i.number === Number(args[2]));
  issue.state = 'closed';
  issue.closingComment = option('--comment');
} else { console.error('fake gh: ' + args.join(' ')); process.exit(2); }
fs.writeFileSync(state, JSON.stringify(db));
`;

interface Issue {
  number: number;
  state: string;
  title: string;
  labels: string[];
  body: string;
  closingComment?: string;
}
interface FakeState {
  issues: Issue[];
  labels: string[];
  calls: string[];
}

/** Runs the drift job's last step as the runner would (`bash -e`), with the plan's outputs. */
function runDriftStep(t: TestContext, state: FakeState, hasChanges: boolean): FakeState {
  const dir = mkdtempSync(join(tmpdir(), 'readme-drift-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const step = workflow.jobs['drift']?.steps.at(-1) as Step;
  writeFileSync(join(dir, 'gh'), `#!${process.execPath}\n${FAKE_GH}`);
  chmodSync(join(dir, 'gh'), 0o755);
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  writeFileSync(join(dir, 'plan.md'), '## stage-sync plan\n\n**1 to update**\n');
  writeFileSync(join(dir, 'step.sh'), step.run ?? '');
  assert.deepEqual(Object.keys(step.env ?? {}), ['GH_TOKEN', 'GH_REPO', 'HAS_CHANGES', 'PLAN']);
  assert.equal(step.env?.['PLAN'], '${{ steps.drift.outputs.plan-markdown }}');
  const run = spawnSync('bash', ['-e', join(dir, 'step.sh')], {
    env: {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      FAKE_GH_STATE: join(dir, 'state.json'),
      GH_TOKEN: 'ghs_fake',
      GH_REPO: 'octo-org/stages',
      HAS_CHANGES: String(hasChanges),
      PLAN: join(dir, 'plan.md'),
    },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as FakeState;
}

const empty = (): FakeState => ({ issues: [], labels: [], calls: [] });

test('drift opens an issue with the plan, labelled, making the label first', (t) => {
  const after = runDriftStep(t, empty(), true);
  assert.deepEqual(after.calls, ['issue list', 'label create', 'issue create']);
  assert.equal(after.issues.length, 1);
  assert.deepEqual(after.issues[0]?.labels, ['stage-sync-drift']);
  assert.equal(after.issues[0]?.body, '## stage-sync plan\n\n**1 to update**\n');
});

test('drift again updates the open issue instead of opening another', (t) => {
  const before = runDriftStep(t, empty(), true);
  before.issues[0]!.body = 'an older plan';
  const after = runDriftStep(t, { ...before, calls: [] }, true);
  assert.deepEqual(after.calls, ['issue list', 'issue edit']);
  assert.equal(after.issues.length, 1);
  assert.equal(after.issues[0]?.body, '## stage-sync plan\n\n**1 to update**\n');
});

test('no drift closes the open issue, and does nothing when there is none', (t) => {
  const open = runDriftStep(t, empty(), true);
  const closed = runDriftStep(t, { ...open, calls: [] }, false);
  assert.deepEqual(closed.calls, ['issue list', 'issue close']);
  assert.equal(closed.issues[0]?.state, 'closed');
  assert.equal(closed.issues[0]?.closingComment, 'AWS matches the specs again.');
  const quiet = runDriftStep(t, empty(), false);
  assert.deepEqual(quiet.calls, ['issue list']);
  assert.deepEqual(quiet.issues, []);
});
