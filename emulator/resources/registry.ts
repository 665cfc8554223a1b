/** The resource types the emulator knows, by CloudFormation type name. */
import { deploymentType } from './deployment.ts';
import { restApiType } from './rest-api.ts';
import { stageType } from './stage.ts';
import type { ResourceType } from './types.ts';
import { v2ApiType } from './v2-api.ts';
import { v2DeploymentType } from './v2-deployment.ts';
import { v2StageType } from './v2-stage.ts';

export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(
  [stageType, restApiType, deploymentType, v2StageType, v2ApiType, v2DeploymentType].map((type) => [
    type.typeName,
    type,
  ]),
);
