/**
 * What the comment, the summary and the text plan say, in the same words, about a stage's type
 * and API name (`rest-api:`, `api:`), paths `ignore-changes:` leaves to other tools, updates sent
 * through another API than Cloud Control, and canary release steps.
 */
import { DEFAULT_STAGE_TYPE, stageTypeOf } from '../stage-types/index.ts';
import type { ReleaseStep, StageChange } from '../plan/types.ts';

/**
 * What is said next to a stage's identifier: its type when it is not the default one (a REST
 * stage, the usual case, shows none, so REST plans read as they always did), and its API's name
 * with the spec key that gave it (`rest-api`, `api`). Undefined when there is nothing to say.
 */
export function identifierNoteOf(
  change: StageChange,
  quoteName: (name: string) => string,
): string | undefined {
  const stageType = stageTypeOf(change.type);
  const name = change.action === 'delete' ? undefined : change.apiName;
  const parts = [
    ...(stageType === DEFAULT_STAGE_TYPE ? [] : [stageType.typeName]),
    ...(name !== undefined ? [`${stageType.apiNameKey} ${quoteName(name)}`] : []),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** `updated through API Gateway: …` for an update Cloud Control cannot make, or undefined. */
export function routeNoteOf(change: StageChange): string | undefined {
  return change.action === 'update' ? change.route?.note : undefined;
}

/** `canary promotion: DeploymentId dep1 → dep2 (was 10% of traffic)`, `canary start: 25% of traffic to dep3`. */
export function releaseLabel(step: ReleaseStep): string {
  if (step.kind === 'canary-promotion') {
    const from = step.from === undefined ? '' : ` ${step.from} →`;
    const share =
      step.percentTraffic === undefined
        ? ''
        : ` (the canary had ${step.percentTraffic}% of traffic)`;
    return `canary promotion: the stage moves to the canary's deployment,${from} ${step.deploymentId}, and the canary is removed${share}`;
  }
  const share = step.percentTraffic === undefined ? 'a share' : `${step.percentTraffic}%`;
  const to = step.deploymentId === undefined ? '' : ` to ${step.deploymentId}`;
  return `canary start: ${share} of traffic${to}`;
}

export function releaseOf(change: StageChange): ReleaseStep | undefined {
  return change.action === 'update' ? change.release : undefined;
}

/** `canary promotion` or `canary start`: the release step's kind, for the table and the summary. */
export function releaseKindOf(change: StageChange): string | undefined {
  const release = releaseOf(change);
  if (!release) return undefined;
  return release.kind === 'canary-promotion' ? 'canary promotion' : 'canary start';
}

/** What is said about a change before its properties: its route, then its release step. */
export function changeNotesOf(change: StageChange): string[] {
  const release = releaseOf(change);
  const notes = [routeNoteOf(change), release ? releaseLabel(release) : undefined];
  return notes.filter((note) => note !== undefined);
}

/** Every declared stage with paths left to other tools, in the plan's order. */
export function leftToOtherToolsOf(
  changes: readonly StageChange[],
): { change: StageChange; paths: readonly { path: string; value?: unknown }[] }[] {
  return changes.flatMap((change) =>
    change.action !== 'delete' && change.leftToOtherTools && change.leftToOtherTools.length > 0
      ? [{ change, paths: change.leftToOtherTools }]
      : [],
  );
}

/** Why these paths are shown and not planned, after the heading. */
export const LEFT_TO_OTHER_TOOLS_NOTE =
  '`ignore-changes` leaves these to other tools (a deployment pipeline, the console): read from AWS, shown here, never diffed or written.';
