/** The resource types the emulator knows, by CloudFormation type name. */
import { deploymentType } from './deployment.ts';
import { restApiType } from './rest-api.ts';
import { stageType } from './stage.ts';
import type { ResourceType } from './types.ts';

export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(
  [stageType, restApiType, deploymentType].map((type) => [type.typeName, type]),
);
