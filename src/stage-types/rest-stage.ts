/** `AWS::ApiGateway::Stage`: a REST API's stage, the type a spec means unless it says `type:`. */
import { STAGE_TYPE_NAME } from '../model/stage.ts';
import { REST_STAGE_RULES } from '../plan/normalization-rules.ts';
import { IDENTITY_PROPERTIES, NOT_IN_PLACE_RULES } from '../plan/patch-rules.ts';
import { ignorablePathsOf } from '../schema/registry-schema.ts';
import { REST_API_KEY } from '../schema/spec-settings.ts';
import { PRIMARY_IDENTIFIER, REGISTRY_SCHEMA, STAGE_SCHEMA } from '../schema/stage-schema.ts';
import type { StageType } from './stage-type.ts';

export const REST_STAGE: StageType = {
  typeName: STAGE_TYPE_NAME,
  label: 'REST API stage',
  apiLabel: 'REST API',
  apiIdProperty: 'RestApiId',
  apiNameKey: REST_API_KEY,
  apiTypeName: 'AWS::ApiGateway::RestApi',
  registry: REGISTRY_SCHEMA,
  schema: STAGE_SCHEMA,
  primaryIdentifier: PRIMARY_IDENTIFIER,
  ignorablePaths: ignorablePathsOf(REGISTRY_SCHEMA, PRIMARY_IDENTIFIER),
  identityProperties: IDENTITY_PROPERTIES,
  // CloudFormation's AWS::ApiGateway::Stage page; docs/reference/aws-recorded-behaviour.md.
  requiredToCreate: ['DeploymentId'],
  tagShape: 'list',
  normalization: REST_STAGE_RULES,
  keptObjectsInWords: 'AccessLogSetting, CanarySetting or a method setting',
  notInPlace: NOT_IN_PLACE_RULES,
};
