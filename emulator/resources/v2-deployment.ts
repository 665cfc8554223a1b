/**
 * Enough of `AWS::ApiGatewayV2::Deployment` for a stage without auto-deploy to point at one.
 * Facts from the registry schema (hashicorp/terraform-provider-awscc
 * `internal/service/cloudformation/schemas/AWS_ApiGatewayV2_Deployment.json`): primary
 * identifier `[ApiId, DeploymentId]` (so the CC identifier is `ApiId|DeploymentId`), read-only
 * `DeploymentId`, required and create-only `ApiId`, write-only `StageName`, list handler requiring
 * `ApiId`. The read model is the live capture's shape (cdk-real-drift
 * `tests/corpus/AWS__ApiGatewayV2__Deployment.HuntWsDeployment.json`: `{DeploymentId, ApiId}`).
 * A deployment created with `StageName` points that existing stage at it [inferred from the
 * V1 behaviour], except an auto-deploy stage, which refuses a DeploymentId (fact 36 of
 * docs/reference/aws-recorded-behaviour.md) [inferred]; updates are not emulated, and neither is
 * refusing to delete a deployment a stage uses.
 */
import type { JsonSchema } from '../registry/json-schema.ts';
import { deploymentExists, mintDeployment } from '../apigatewayv2/deployments.ts';
import { V2_ERRORS, v2HandlerFailure } from '../apigatewayv2/errors.ts';
import { V2_DEPLOYMENT, V2_STAGE, v2DeploymentKey, v2StageKey } from '../apigatewayv2/names.ts';
import { protocolOf } from '../apigatewayv2/stage-model.ts';
import type { ResourceType } from './types.ts';
import type { Model } from './world.ts';

const SCHEMA: JsonSchema = {
  additionalProperties: false,
  required: ['ApiId'],
  properties: {
    ApiId: { type: 'string' },
    Description: { type: 'string' },
    StageName: { type: 'string' },
  },
};

function readModel(stored: Model): Model {
  const { DeploymentId, ApiId, Description } = stored;
  return {
    DeploymentId,
    ApiId,
    ...(typeof Description === 'string' && Description !== '' ? { Description } : {}),
  };
}

export const v2DeploymentType: ResourceType = {
  typeName: V2_DEPLOYMENT,
  schema: SCHEMA,
  primaryIdentifier: ['ApiId', 'DeploymentId'],
  createOnlyProperties: ['ApiId'],
  generatedIdentifier: true,
  notFound: () => v2HandlerFailure(V2_ERRORS.deploymentNotFound('')),
  listRequires: ['ApiId'],

  read(world, id) {
    const apiId = id.ApiId ?? '';
    if (!protocolOf(world, apiId)) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    const stored = world.get(V2_DEPLOYMENT, v2DeploymentKey(apiId, id.DeploymentId ?? ''));
    return stored
      ? readModel(stored)
      : v2HandlerFailure(V2_ERRORS.deploymentNotFound(id.DeploymentId ?? ''));
  },

  create(world, desired) {
    const apiId = String(desired.ApiId);
    if (!protocolOf(world, apiId)) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    const stageName = typeof desired.StageName === 'string' ? desired.StageName : undefined;
    const stageKey = stageName === undefined ? undefined : v2StageKey(apiId, stageName);
    const stage = stageKey === undefined ? undefined : world.get(V2_STAGE, stageKey);
    if (stageName !== undefined && !stage)
      return v2HandlerFailure(V2_ERRORS.stageNotFound(stageName));
    if (stage?.AutoDeploy === true) return v2HandlerFailure(V2_ERRORS.deploymentIdWithAutoDeploy());
    const { StageName: _writeOnly, ...kept } = desired;
    const deploymentId = mintDeployment(world, apiId, kept);
    if (stage && stageKey)
      world.put(V2_STAGE, stageKey, {
        ...stage,
        DeploymentId: deploymentId,
        LastUpdatedDate: new Date().toISOString(),
      });
    return { ApiId: apiId, DeploymentId: deploymentId };
  },

  delete(world, id) {
    const apiId = id.ApiId ?? '';
    const deploymentId = id.DeploymentId ?? '';
    if (!deploymentExists(world, apiId, deploymentId))
      return v2HandlerFailure(V2_ERRORS.deploymentNotFound(deploymentId));
    world.delete(V2_DEPLOYMENT, v2DeploymentKey(apiId, deploymentId));
    return undefined;
  },

  list(world, resourceModel) {
    const apiId = String(resourceModel.ApiId);
    if (!protocolOf(world, apiId)) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    return world
      .all(V2_DEPLOYMENT)
      .filter(([, stored]) => stored.ApiId === apiId)
      .map(([identifier, stored]) => ({ identifier, model: readModel(stored) }));
  },
};
