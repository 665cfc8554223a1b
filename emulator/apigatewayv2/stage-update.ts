/**
 * API Gateway V2's UpdateStage: it merges what it is given into the stage
 * (docs/reference/aws-recorded-behaviour.md fact 38, and the live probes of
 * go-to-k/cdk-real-drift#806 / PR #1031):
 * - only the members present change;
 * - `StageVariables` merges key by key, a key sent as `""` is removed, an empty map changes nothing;
 * - each `RouteSettings` entry given replaces that route's settings; routes not named are kept;
 * - `AccessLogSettings: {}` changes nothing (they are removed with DeleteAccessLogSettings);
 * - `Description: ""` leaves the old description (the API has no way to clear it);
 * - `DeploymentId` is refused while auto-deploy is on (fact 36; the SDK model: "Can't be updated if
 *   autoDeploy is enabled");
 * - turning `AutoDeploy` on deploys the API at once [inferred].
 * Replacing `DefaultRouteSettings` and a non-empty `AccessLogSettings` whole, rather than field by
 * field, is [inferred]; a client that always sends the whole object works with either.
 */
import type { Model, World } from '../resources/world.ts';
import { mintDeployment } from './deployments.ts';
import { V2_ERRORS, type V2ServiceError } from './errors.ts';
import type { ProtocolType } from './names.ts';
import {
  checkStage,
  isObject,
  routeSettingsProblem,
  stageVariablesProblem,
} from './stage-model.ts';

/** The members UpdateStage accepts, in the Cloud Control names. */
export interface StageUpdate {
  readonly AccessLogSettings?: Record<string, unknown>;
  readonly AutoDeploy?: boolean;
  readonly ClientCertificateId?: string;
  readonly DefaultRouteSettings?: Record<string, unknown>;
  readonly DeploymentId?: string;
  readonly Description?: string;
  readonly RouteSettings?: Record<string, unknown>;
  readonly StageVariables?: Record<string, unknown>;
}

function mergedVariables(
  current: unknown,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(isObject(current) ? current : {}) };
  for (const [name, value] of Object.entries(given)) {
    if (value === '') delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function hasAnyValue(value: Record<string, unknown>): boolean {
  return Object.values(value).some((item) => item !== undefined && item !== '');
}

/**
 * The stage after UpdateStage, or the service's error. `current` is the stored stage; the result
 * is stored as it is (with a new `LastUpdatedDate`).
 */
export function applyStageUpdate(
  world: World,
  current: Model,
  update: StageUpdate,
  protocol: ProtocolType,
  now: Date,
): Model | V2ServiceError {
  const autoDeploy = update.AutoDeploy ?? current.AutoDeploy === true;
  if (update.DeploymentId !== undefined && update.DeploymentId !== '' && autoDeploy)
    return V2_ERRORS.deploymentIdWithAutoDeploy();
  const problem =
    routeSettingsProblem(
      {
        ...(update.DefaultRouteSettings !== undefined
          ? { DefaultRouteSettings: update.DefaultRouteSettings }
          : {}),
        ...(update.RouteSettings !== undefined ? { RouteSettings: update.RouteSettings } : {}),
      },
      protocol,
    ) ?? stageVariablesProblem(update.StageVariables, true);
  if (problem) return problem;

  const next: Model = { ...current };
  if (update.AutoDeploy !== undefined) next.AutoDeploy = update.AutoDeploy;
  if (update.Description) next.Description = update.Description;
  if (update.ClientCertificateId) next.ClientCertificateId = update.ClientCertificateId;
  if (update.DeploymentId) next.DeploymentId = update.DeploymentId;
  if (update.AccessLogSettings && hasAnyValue(update.AccessLogSettings))
    next.AccessLogSettings = { ...update.AccessLogSettings };
  if (update.DefaultRouteSettings) next.DefaultRouteSettings = { ...update.DefaultRouteSettings };
  if (update.RouteSettings)
    next.RouteSettings = {
      ...(isObject(current.RouteSettings) ? current.RouteSettings : {}),
      ...structuredClone(update.RouteSettings),
    };
  if (update.StageVariables)
    next.StageVariables = mergedVariables(current.StageVariables, update.StageVariables);

  const failure = checkStage(world, next, update.DeploymentId);
  if (failure) return failure;
  if (update.AutoDeploy === true && current.AutoDeploy !== true)
    next.DeploymentId = mintDeployment(world, String(current.ApiId), { AutoDeployed: true });
  next.LastUpdatedDate = now.toISOString();
  return next;
}
