/**
 * "a stage changed in AWS between plan and apply" (README, "How the apply works"). The action
 * plans and applies in one run, so the plan's read of a stage is moments old when the write goes
 * out, and the apply does not read it again (`planReadAt`, `FRESH_READ_MS` in
 * src/retry/policy.ts). Someone changing the stage in that moment is caught after the write:
 * UpdateResource patches AWS's current model, the read-back reports what differs from the plan,
 * and the next run puts it back. An operation still running on the stage is waited for and the
 * stage re-planned. (A plan made by another run is re-read before writing:
 * __tests__/engine/engine.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { MANAGED_BY_TAG_KEY, STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import {
  REPOSITORY,
  acceptedStageCalls,
  describeRun,
  logLines,
  startApplyWorld,
  tagValue,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

type Model = Record<string, unknown>;

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld({});
  const created = await world.apply();
  assert.equal(created.exitCode, 0, describeRun(created));
});
after(() => world.close());
beforeEach(() => {
  world.onCall = undefined;
  world.emulator.knobs.operationDurationMs = 200;
  world.emulator.clearCalls();
});

/** The examples with one stage's description edited: the plan updates that stage only. */
function specWithDescription(from: string, to: string): string {
  const spec = world.exampleSpec();
  assert.ok(spec.includes(from));
  return spec.replace(from, to);
}

/** The stage as the specs now say, compared with what AWS returns. */
function assertAsSpecified(stageName: string, description: string, rateLimit: number): void {
  const live = world.readStage(stageName);
  assert.equal(live?.Description, description);
  assert.equal(live?.Variables, undefined, 'the variable added in AWS is removed again');
  assert.equal(((live?.MethodSettings as Model[])[0] as Model).ThrottlingRateLimit, rateLimit);
  assert.equal(tagValue(live, MANAGED_BY_TAG_KEY), REPOSITORY);
}

/** What someone changes by hand: a variable, a throttle, the description. */
function handEdited(model: Model): Model {
  const settings = (model.MethodSettings as Model[]).map((s) => ({
    ...s,
    ThrottlingRateLimit: 999,
  }));
  return {
    ...model,
    Description: 'edited in the console',
    Variables: { debug: 'true' },
    MethodSettings: settings,
  };
}

test('a stage edited right after the plan read it is reported after the write, and the next run puts it back', async () => {
  world.writeSpec(
    specWithDescription('Production stage for the API', 'Production, reviewed and merged'),
  );
  const identifier = world.identifier('production');
  let edited = false;
  world.onCall = (call) => {
    // The plan's read of the stage has been answered: change it before anything else happens.
    if (!edited && call.operation === 'GetResource' && call.identifier === identifier) {
      edited = true;
      const stored = world.emulator.getStoredModel(STAGE_TYPE_NAME, identifier) as Model;
      world.emulator.putStage(handEdited(stored));
    }
  };
  const run = await world.apply();
  assert.ok(edited, 'the stage was changed during the run');
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.updates, '1');
  const reads = world.emulator.calls.filter(
    (c) => c.operation === 'GetResource' && c.identifier === identifier,
  );
  const write = world.emulator.calls.findIndex(
    (c) => c.operation === 'UpdateResource' && c.identifier === identifier,
  );
  assert.equal(
    reads.filter((c) => world.emulator.calls.indexOf(c) < write).length,
    1,
    "the plan's read only: it is moments old, so the apply does not read again before writing",
  );
  assert.deepEqual(
    writeCalls(world.emulator.calls).map((c) => `${c.operation} ${c.identifier} ${c.outcome}`),
    [`UpdateResource ${identifier} ok`],
    'one write, of the reviewed patch',
  );
  // The patch landed on the edited stage: the description as planned, the edits reported.
  assert.equal(world.readStage('production')?.Description, 'Production, reviewed and merged');
  assert.equal(
    logLines(run, 'BasicStage applied').filter((l) => l.includes('AWS differs from the plan in'))
      .length,
    1,
    describeRun(run),
  );
  assert.match(run.summary, /Not as planned after apply/);

  world.onCall = undefined;
  const next = await world.apply();
  assert.equal(next.exitCode, 0, describeRun(next));
  assert.equal(next.outputs.updates, '1', 'the next run plans the edits away');
  assertAsSpecified('production', 'Production, reviewed and merged', 50);
  assert.doesNotMatch(next.stdout, /AWS differs from the plan/);
});

test('a Cloud Control update in flight when the apply writes is waited for, then re-planned', async () => {
  world.writeSpec(specWithDescription('Staging stage for the API', 'Staging, reviewed and merged'));
  const identifier = world.identifier('staging');
  // Someone else's update, held in progress until the action's first write has met it: "still
  // running when the action writes" holds by construction, however slow the machine is.
  const hold = world.emulator.hold({
    match: { typeName: STAGE_TYPE_NAME, identifier, operation: 'UPDATE' },
    releaseAfter: {
      operation: 'UpdateResource',
      identifier,
      outcome: 'ConcurrentOperationException',
    },
  });
  const theirs = await world.port.updateResource(
    STAGE_TYPE_NAME,
    identifier,
    [
      { op: 'replace', path: '/Description', value: 'edited through Cloud Control' },
      { op: 'add', path: '/Variables', value: { debug: 'true' } },
      { op: 'replace', path: '/MethodSettings/0/ThrottlingRateLimit', value: 999 },
    ],
    'someone-elses-update-1',
  );
  assert.equal(theirs.status, 'IN_PROGRESS');
  assert.deepEqual(hold.caught, [theirs.requestToken]);

  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(hold.state, 'released', 'the action wrote while the other update ran');
  assert.equal((await world.port.getResourceRequestStatus(theirs.requestToken)).status, 'SUCCESS');
  const refused = world.emulator.calls.filter(
    (c) => c.identifier === identifier && c.outcome === 'ConcurrentOperationException',
  );
  assert.ok(refused.length >= 1, 'the first write met the other operation');
  assert.ok(logLines(run, 'AdvancedStage: another operation was in progress').length >= 1);
  assertAsSpecified('staging', 'Staging, reviewed and merged', 100);
  const accepted = acceptedStageCalls(world.emulator.calls, 'UpdateResource').filter(
    (c) => c.identifier === identifier,
  );
  assert.equal(accepted.length, 2, "theirs and ours: the action's update was accepted once");
});

test('an edit made between the plan and the write survives the patch and is reported as not as planned', async () => {
  world.writeSpec(specWithDescription('Production stage for the API', 'Production, third edition'));
  const identifier = world.identifier('production');
  let reads = 0;
  world.onCall = (call) => {
    // Right after the plan's read: the apply writes without reading again, so the patch lands
    // on the edited stage and merges with it (a re-read would only narrow this window).
    if (call.operation === 'GetResource' && call.identifier === identifier && ++reads === 1) {
      const stored = world.emulator.getStoredModel(STAGE_TYPE_NAME, identifier) as Model;
      world.emulator.putStage({ ...stored, Variables: { debug: 'true' } });
    }
  };
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  const live = world.readStage('production');
  assert.equal(live?.Description, 'Production, third edition', 'the planned change is applied');
  assert.deepEqual(live?.Variables, { debug: 'true' }, 'the edit made in the window survives');
  // ... and the action says so, in the log and the job summary, after re-reading the stage.
  assert.equal(
    logLines(run, 'BasicStage applied').filter((l) =>
      l.includes('(AWS differs from the plan in Variables.debug)'),
    ).length,
    1,
    describeRun(run),
  );
  assert.match(run.summary, /Not as planned after apply/);
  assert.match(run.summary, /- Variables\.debug: "true"/);
});
