/**
 * Re-reads one stage and plans it again: the apply calls this when AWS says the world moved
 * (another operation was in flight, or a create found the stage already there).
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { STAGE_TYPE_NAME, type DesiredStage } from '../model/stage.ts';
import { deleteChange, planStageChange } from '../plan/build-plan.ts';
import { managedBy } from '../plan/ownership.ts';
import type { StageChange } from '../plan/types.ts';

export function stageReplanner(
  port: CloudControlPort,
  desired: readonly DesiredStage[],
  repository: string,
): (identifier: string) => Promise<StageChange | undefined> {
  const byIdentifier = new Map(desired.map((stage) => [stage.identifier, stage]));
  return async (identifier) => {
    const description = await port.getResource(STAGE_TYPE_NAME, identifier);
    const live = description ? { identifier, properties: description.properties } : undefined;
    const stage = byIdentifier.get(identifier);
    if (stage) return planStageChange(stage, live, repository);
    // An undeclared stage is only ever a planned prune: delete it only while it is still ours.
    if (!live || managedBy(live.properties) !== repository) return undefined;
    return deleteChange(live);
  };
}
