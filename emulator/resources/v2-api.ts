/**
 * `AWS::ApiGatewayV2::Api` through Cloud Control: create, read, update, list, delete. The registry
 * schema is vendored as emulator/registry/aws-apigatewayv2-api.json (the CloudFormation registry's
 * schema, as kept in hashicorp/terraform-provider-awscc
 * `internal/service/cloudformation/schemas/AWS_ApiGatewayV2_Api.json`): primary identifier
 * `ApiId` (generated), create-only `ProtocolType`, no list requirement. The read model is
 * `apiReadModel` (emulator/apigatewayv2/api-model.ts).
 *
 * Quick create (`Target`) makes the `$default` stage with auto-deploy on, as the schema's
 * `Target` description says. Any update of an API counts as a change that auto-deploy stages
 * deploy (a new DeploymentId) [inferred]; OpenAPI imports (`Body`) are not emulated.
 */
import registry from '../registry/aws-apigatewayv2-api.json' with { type: 'json' };
import type { JsonSchema } from '../registry/json-schema.ts';
import { apiReadModel, checkNewApi } from '../apigatewayv2/api-model.ts';
import { autoDeployApi, mintDeployment } from '../apigatewayv2/deployments.ts';
import { V2_ERRORS, v2HandlerFailure } from '../apigatewayv2/errors.ts';
import {
  V2_API,
  V2_API_ID_LENGTH,
  V2_DEPLOYMENT,
  V2_STAGE,
  v2StageKey,
} from '../apigatewayv2/names.ts';
import type { ResourceType } from './types.ts';
import type { World } from './world.ts';

/** The `$default` stage quick create makes, managed by API Gateway. */
function quickCreateStage(world: World, apiId: string, now: Date): void {
  const created = now.toISOString();
  world.put(V2_STAGE, v2StageKey(apiId, '$default'), {
    ApiId: apiId,
    StageName: '$default',
    AutoDeploy: true,
    ApiGatewayManaged: true,
    DeploymentId: mintDeployment(world, apiId, { AutoDeployed: true }),
    CreatedDate: created,
    LastUpdatedDate: created,
  });
}

export const v2ApiType: ResourceType = {
  typeName: V2_API,
  schema: registry as unknown as JsonSchema,
  primaryIdentifier: ['ApiId'],
  createOnlyProperties: ['ProtocolType'],
  generatedIdentifier: true,
  notFound: () => v2HandlerFailure(V2_ERRORS.apiNotFound('')),
  listRequires: [],

  read(world, id) {
    const stored = world.get(V2_API, id.ApiId as string);
    return stored ? apiReadModel(stored) : v2HandlerFailure(V2_ERRORS.apiNotFound(id.ApiId ?? ''));
  },

  create(world, desired) {
    const problem = checkNewApi(desired);
    if (problem) return v2HandlerFailure(problem);
    const apiId = world.newId(V2_API_ID_LENGTH);
    const now = new Date();
    world.put(V2_API, apiId, { ...desired, ApiId: apiId, CreatedDate: now.toISOString() });
    if (typeof desired.Target === 'string' && desired.ProtocolType === 'HTTP')
      quickCreateStage(world, apiId, now);
    return { ApiId: apiId };
  },

  update(world, id, desired) {
    const apiId = id.ApiId as string;
    const stored = world.get(V2_API, apiId);
    if (!stored) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    world.put(V2_API, apiId, {
      ...desired,
      ApiId: apiId,
      ProtocolType: stored.ProtocolType,
      CreatedDate: stored.CreatedDate,
    });
    autoDeployApi(world, apiId, new Date());
    return undefined;
  },

  /** DeleteApi removes the API with its stages and deployments. */
  delete(world, id) {
    const apiId = id.ApiId as string;
    if (!world.delete(V2_API, apiId)) return v2HandlerFailure(V2_ERRORS.apiNotFound(apiId));
    for (const typeName of [V2_STAGE, V2_DEPLOYMENT]) {
      for (const [identifier, model] of world.all(typeName)) {
        if (model.ApiId === apiId) world.delete(typeName, identifier);
      }
    }
    return undefined;
  },

  list(world) {
    return world
      .all(V2_API)
      .map(([identifier, stored]) => ({ identifier, model: apiReadModel(stored) }));
  },
};
