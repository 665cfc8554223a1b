/**
 * What the comment, the summary and the text plan say, in the same words, about stages named by
 * `rest-api:`, paths `ignore-changes:` leaves to other tools, and canary release steps.
 */
import type { ReleaseStep, StageChange } from '../plan/types.ts';

/** `payments-api` for a stage whose spec named its REST API, or undefined. */
export function restApiNameOf(change: StageChange): string | undefined {
  return change.action === 'delete' ? undefined : change.apiName;
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
