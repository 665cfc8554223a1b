/**
 * `AWS::ApiGatewayV2::Stage` through Cloud Control. The registry schema is vendored as
 * emulator/registry/aws-apigatewayv2-stage.json: primary identifier `ApiId|StageName`, both
 * create-only, and a list handler that requires `ApiId`. The read model is fact 37 of
 * docs/reference/aws-recorded-behaviour.md (`v2StageReadModel`).
 *
 * An update goes as the real handler's does (fact 36, go-to-k/cdk-real-drift#667 and PR #680):
 * the patch is applied to the full current model, which carries the DeploymentId that
 * auto-deploy minted, and that DeploymentId is sent to UpdateStage. So every update of a stage
 * whose resulting model has `AutoDeploy: true` and a DeploymentId ends FAILED `InvalidRequest`
 * "Deployment ID cannot be set on this stage because AutoDeploy is enabled.", even when the patch
 * removes `/DeploymentId` (the handler still holds it). Other updates replace the stage's state
 * with the patched model; how the real handler removes stage variables or route settings a patch
 * drops is not recorded (docs/evidence/apigatewayv2-stage.md, "Unknown").
 */
import registry from '../registry/aws-apigatewayv2-stage.json' with { type: 'json' };
import type { JsonSchema } from '../registry/json-schema.ts';
import { mintDeployment } from '../apigatewayv2/deployments.ts';
import { V2_ERRORS, v2HandlerFailure } from '../apigatewayv2/errors.ts';
import { V2_STAGE, v2StageKey } from '../apigatewayv2/names.ts';
import { checkStage, protocolOf, v2StageReadModel } from '../apigatewayv2/stage-model.ts';
import {
  isFailure,
  type HandlerFailure,
  type IdentifierParts,
  type ResourceType,
} from './types.ts';
import type { Model, World } from './world.ts';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The stored stage, or the handler failure for a missing API or stage. */
export function locateV2Stage(world: World, id: IdentifierParts): Model | HandlerFailure {
  const apiId = id.ApiId ?? '';
  if (!protocolOf(world, apiId)) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
  const stored = world.get(V2_STAGE, v2StageKey(apiId, id.StageName ?? ''));
  return stored ?? v2HandlerFailure(V2_ERRORS.stageNotFound(id.StageName ?? ''));
}

export const v2StageType: ResourceType = {
  typeName: V2_STAGE,
  schema: registry as unknown as JsonSchema,
  primaryIdentifier: ['ApiId', 'StageName'],
  createOnlyProperties: ['ApiId', 'StageName'],
  generatedIdentifier: false,
  notFound: () => v2HandlerFailure(V2_ERRORS.stageNotFound('')),
  listRequires: ['ApiId'],

  read(world, id) {
    const stored = locateV2Stage(world, id);
    if (isFailure(stored)) return stored;
    return v2StageReadModel(stored, protocolOf(world, text(stored.ApiId)) ?? 'HTTP');
  },

  create(world, desired) {
    const apiId = text(desired.ApiId);
    const stageName = text(desired.StageName);
    const problem =
      (protocolOf(world, apiId) && world.has(V2_STAGE, v2StageKey(apiId, stageName))
        ? V2_ERRORS.stageExists(stageName)
        : undefined) ?? checkStage(world, desired, desired.DeploymentId);
    if (problem) return v2HandlerFailure(problem);
    const now = new Date().toISOString();
    world.put(V2_STAGE, v2StageKey(apiId, stageName), {
      ...desired,
      ...(desired.AutoDeploy === true
        ? { DeploymentId: mintDeployment(world, apiId, { AutoDeployed: true }) }
        : {}),
      CreatedDate: now,
      LastUpdatedDate: now,
    });
    return { ApiId: apiId, StageName: stageName };
  },

  update(world, id, desired) {
    const stored = locateV2Stage(world, id);
    if (isFailure(stored)) return stored;
    const sentDeploymentId = text(desired.DeploymentId) || text(stored.DeploymentId);
    const problem = checkStage(world, desired, sentDeploymentId);
    if (problem) return v2HandlerFailure(problem);
    const turnedOn = desired.AutoDeploy === true && stored.AutoDeploy !== true;
    world.put(V2_STAGE, v2StageKey(id.ApiId as string, id.StageName as string), {
      ...desired,
      ...(turnedOn
        ? { DeploymentId: mintDeployment(world, text(stored.ApiId), { AutoDeployed: true }) }
        : {}),
      ...(stored.ApiGatewayManaged === true ? { ApiGatewayManaged: true } : {}),
      CreatedDate: stored.CreatedDate,
      LastUpdatedDate: new Date().toISOString(),
    });
    return undefined;
  },

  delete(world, id) {
    const stored = locateV2Stage(world, id);
    if (isFailure(stored)) return stored;
    world.delete(V2_STAGE, v2StageKey(id.ApiId as string, id.StageName as string));
    return undefined;
  },

  list(world, resourceModel) {
    const apiId = text(resourceModel.ApiId);
    const protocol = protocolOf(world, apiId);
    if (!protocol) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    return world
      .all(V2_STAGE)
      .filter(([, stored]) => stored.ApiId === apiId)
      .map(([identifier, stored]) => ({ identifier, model: v2StageReadModel(stored, protocol) }));
  },
};
