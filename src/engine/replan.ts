/**
 * Re-reads one stage and plans it again: the apply calls this when AWS says the world moved
 * (another operation was in flight, or a create found the stage already there). Everything it
 * needs comes from the plan itself: each declared change carries what its spec declares.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { readStage } from '../aws/read-stages.ts';
import type { DesiredStage, StageProperties } from '../model/stage.ts';
import { deleteChange, planStageChange } from '../plan/build-plan.ts';
import { managedBy } from '../plan/ownership.ts';
import type { ReplanStage } from '../apply/options.ts';
import type { Plan } from '../plan/types.ts';

export function stageReplanner(port: CloudControlPort, plan: Plan): ReplanStage {
  const declared = new Map<string, { stage: DesiredStage; previous?: StageProperties }>();
  for (const change of plan.changes) {
    if (change.action === 'delete') continue;
    // The identifier holds the resolved REST API id, so re-planning never resolves a name again.
    const stage: DesiredStage = {
      name: change.name,
      type: change.type,
      identifier: change.identifier,
      properties: change.declared,
      source: change.source,
      ...(change.ignoreChanges ? { ignoreChanges: change.ignoreChanges } : {}),
      ...(change.apiName !== undefined ? { apiName: change.apiName } : {}),
    };
    declared.set(change.identifier, {
      stage,
      ...(change.previous ? { previous: change.previous } : {}),
    });
  }
  const typeOf = new Map(plan.changes.map((change) => [change.identifier, change.type]));
  return async (identifier) => {
    // The same read, with the same retries, as the plan's own reads.
    const live = await readStage(port, identifier, typeOf.get(identifier));
    const found = declared.get(identifier);
    if (found) return planStageChange(found.stage, live, plan.repository, found.previous);
    // An undeclared stage is only ever a planned prune: delete it only while it is still ours.
    if (!live) return undefined;
    const owner = managedBy(live.properties);
    if (owner !== plan.repository) return { notOurs: owner ?? '' };
    return deleteChange(live);
  };
}
