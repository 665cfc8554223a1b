/**
 * Canary releases read as releases. API Gateway's canary release: a stage's `CanarySetting` sends
 * `PercentTraffic` of requests to `CanarySetting.DeploymentId`; promoting it points the stage's
 * `DeploymentId` at that deployment and removes the canary (API Gateway developer guide,
 * "Promote a canary release": https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html).
 * A change doing exactly that is labelled a promotion; a change adding a canary, a start.
 */
import type { StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../model/json.ts';
import type { ReleaseStep } from './types.ts';

const canaryOf = (properties: StageProperties): Record<string, unknown> | undefined =>
  isJsonObject(properties.CanarySetting) ? properties.CanarySetting : undefined;

const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const numberOr = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** The release step from `before` (live) to `after` (what the apply leaves), if the change is one. */
export function releaseStep(
  before: StageProperties,
  after: StageProperties,
): ReleaseStep | undefined {
  const liveCanary = canaryOf(before);
  const nextCanary = canaryOf(after);
  if (liveCanary && !nextCanary) {
    const tested = stringOr(liveCanary.DeploymentId);
    const deploymentId = stringOr(after.DeploymentId);
    if (tested === undefined || deploymentId !== tested || before.DeploymentId === tested)
      return undefined;
    const from = stringOr(before.DeploymentId);
    const percentTraffic = numberOr(liveCanary.PercentTraffic);
    return {
      kind: 'canary-promotion',
      deploymentId,
      ...(from !== undefined ? { from } : {}),
      ...(percentTraffic !== undefined ? { percentTraffic } : {}),
    };
  }
  if (!liveCanary && nextCanary) {
    const deploymentId = stringOr(nextCanary.DeploymentId);
    const percentTraffic = numberOr(nextCanary.PercentTraffic);
    return {
      kind: 'canary-start',
      ...(deploymentId !== undefined ? { deploymentId } : {}),
      ...(percentTraffic !== undefined ? { percentTraffic } : {}),
    };
  }
  return undefined;
}
