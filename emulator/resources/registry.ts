/** The resource types the emulator knows, by CloudFormation type name. */
import { deploymentType } from './deployment.ts';
import { restApiType } from './rest-api.ts';
import { stageType } from './stage.ts';
import type { ResourceType } from './types.ts';
import { v2ApiType } from './v2-api.ts';
import { v2DeploymentType } from './v2-deployment.ts';
import { v2StageType } from './v2-stage.ts';

/** HTTP and WebSocket APIs (emulator/apigatewayv2/). */
const V2_TYPES = [v2StageType, v2ApiType, v2DeploymentType];

export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(
  [stageType, restApiType, deploymentType, ...V2_TYPES].map((type) => [type.typeName, type]),
);
