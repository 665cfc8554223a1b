/**
 * "a stage changed in AWS between plan and apply" (README, "How the apply works"): the plan's patch was computed against
 * the stage as it was read; when someone changes the stage after that read, the apply re-reads
 * and re-plans it, and the stage ends as the specs say, not as a stale patch would leave it.
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

test('a stage edited right after the plan read it is re-read and re-planned before the write', async () => {
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
  assert.equal(logLines(run, 'BasicStage: the stage changed in AWS after the plan').length, 1);
  assertAsSpecified('production', 'Production, reviewed and merged', 50);
  assert.deepEqual(
    writeCalls(world.emulator.calls).map((c) => `${c.operation} ${c.identifier} ${c.outcome}`),
    [`UpdateResource ${identifier} ok`],
    'one write, from the fresh plan',
  );
  assert.doesNotMatch(run.stdout, /AWS differs from the plan/);
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

test('a stage edited between the re-read and the write is reported as not as planned', async () => {
  world.writeSpec(specWithDescription('Production stage for the API', 'Production, third edition'));
  const identifier = world.identifier('production');
  let reads = 0;
  world.onCall = (call) => {
    // The second read is the apply's own re-read just before it writes: the narrowest window,
    // which no re-read can close. The patch then lands on the edited stage and merges with it.
    if (call.operation === 'GetResource' && call.identifier === identifier && ++reads === 2) {
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
