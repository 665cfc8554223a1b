/**
 * The promise both import round trips check (REST and V2 stages): the imported file loads with
 * no problem, declares every live stage, and its plan against those same stages changes nothing
 * but the ownership tag.
 */
import assert from 'node:assert/strict';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { stagesById, type SpecStage } from '../../src/desired/spec-stage.ts';
import { MANAGED_BY_TAG_KEY, type LiveStage } from '../../src/model/stage.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';

const OWNERSHIP_PATH = `Tags[${MANAGED_BY_TAG_KEY}]`;

/** Asserts the promise for `text`, imported from `live`; returns the loaded stages. */
export function assertPlansOnlyAdoption(
  text: string,
  live: readonly LiveStage[],
  repository: string,
): readonly SpecStage[] {
  const loaded = loadSpecs([{ path: 'stages/imported.yml', text }]);
  assert.deepEqual(loaded.problems, [], text);
  assert.equal(loaded.stages.length, live.length);
  const plan = buildPlan({
    desired: stagesById(loaded.stages),
    live: new Map(live.map((stage) => [stage.identifier, stage])),
    undeclared: [],
    prune: false,
    repository,
    target: 'test',
  });
  assert.equal(plan.counts.create + plan.counts.delete, 0);
  for (const change of plan.changes) {
    assert.deepEqual(
      change.diffs.map((diff) => diff.path),
      change.action === 'no-op' ? [] : [OWNERSHIP_PATH],
      `${change.name}:\n${text}`,
    );
  }
  return loaded.stages;
}
