/**
 * Enough of `AWS::ApiGateway::Deployment` to give stages something to point at. Facts from the
 * registry schema (hashicorp/terraform-provider-awscc
 * `internal/service/cloudformation/schemas/AWS_ApiGateway_Deployment.json`): primary identifier
 * `[DeploymentId, RestApiId]` (so the CC identifier is `DeploymentId|RestApiId`), read-only
 * `DeploymentId`, required `RestApiId`, write-only `StageName`, list handler requiring `RestApiId`.
 *
 * A deployment created with `StageName` creates that stage, or repoints it when it exists, as
 * API Gateway's CreateDeployment does; that is how stacks end up with a stage that "already
 * exists" (notes section 3).
 */
import type { JsonSchema } from '../registry/json-schema.ts';
import { apiGatewayFailure } from './api-gateway-errors.ts';
import { DEPLOYMENT, deploymentId, REST_API, STAGE } from './stage.ts';
import type { ResourceType } from './types.ts';
import type { Model } from './world.ts';

const SCHEMA: JsonSchema = {
  additionalProperties: false,
  required: ['RestApiId'],
  properties: {
    RestApiId: { type: 'string' },
    Description: { type: 'string' },
    StageName: { type: 'string' },
  },
};

/** API Gateway deployment ids are 6 lowercase characters (`usd4d2` in the live corpus). */
const ID_LENGTH = 6;

function readModel(stored: Model): Model {
  const { DeploymentId, RestApiId, Description } = stored;
  return {
    DeploymentId,
    RestApiId,
    ...(typeof Description === 'string' && Description !== '' ? { Description } : {}),
  };
}

function pointsAt(stage: Model, deployment: string): boolean {
  const canary = stage.CanarySetting as Record<string, unknown> | undefined;
  return stage.DeploymentId === deployment || canary?.DeploymentId === deployment;
}

export const deploymentType: ResourceType = {
  typeName: DEPLOYMENT,
  schema: SCHEMA,
  primaryIdentifier: ['DeploymentId', 'RestApiId'],
  createOnlyProperties: ['RestApiId'],
  generatedIdentifier: true,
  listRequires: ['RestApiId'],
  notFound: () => apiGatewayFailure('deploymentNotFound'),

  read(world, id) {
    if (!world.has(REST_API, id.RestApiId as string)) return apiGatewayFailure('restApiNotFound');
    const stored = world.get(
      DEPLOYMENT,
      deploymentId(id.DeploymentId as string, id.RestApiId as string),
    );
    return stored ? readModel(stored) : apiGatewayFailure('deploymentNotFound');
  },

  create(world, desired) {
    const restApiId = desired.RestApiId as string;
    if (!world.has(REST_API, restApiId)) return apiGatewayFailure('restApiNotFound');
    const stageName = desired.StageName;
    if (stageName !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(String(stageName))) {
      return apiGatewayFailure('stageNameInvalid');
    }
    const id = world.newId(ID_LENGTH);
    const { StageName: _writeOnly, ...kept } = desired;
    world.put(DEPLOYMENT, deploymentId(id, restApiId), { ...kept, DeploymentId: id });
    if (typeof stageName === 'string') {
      const stageKey = `${restApiId}|${stageName}`;
      const stage = world.get(STAGE, stageKey) ?? { RestApiId: restApiId, StageName: stageName };
      world.put(STAGE, stageKey, { ...stage, DeploymentId: id });
    }
    return { DeploymentId: id, RestApiId: restApiId };
  },

  delete(world, id) {
    const restApiId = id.RestApiId as string;
    const key = deploymentId(id.DeploymentId as string, restApiId);
    if (!world.has(DEPLOYMENT, key)) return apiGatewayFailure('deploymentNotFound');
    const inUse = world
      .all(STAGE)
      .some(
        ([, stage]) => stage.RestApiId === restApiId && pointsAt(stage, id.DeploymentId as string),
      );
    if (inUse) return apiGatewayFailure('deploymentInUse');
    world.delete(DEPLOYMENT, key);
    return undefined;
  },

  list(world, resourceModel) {
    const restApiId = resourceModel.RestApiId;
    if (typeof restApiId !== 'string' || !world.has(REST_API, restApiId))
      return apiGatewayFailure('restApiNotFound');
    return world
      .all(DEPLOYMENT)
      .filter(([, stored]) => stored.RestApiId === restApiId)
      .map(([identifier, stored]) => ({ identifier, model: readModel(stored) }));
  },
};
