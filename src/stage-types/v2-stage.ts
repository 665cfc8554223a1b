/**
 * `AWS::ApiGatewayV2::Stage`: an HTTP or WebSocket API's stage. Evidence:
 * docs/evidence/apigatewayv2-stage.md.
 */
import { V2_STAGE_TYPE_NAME } from '../model/stage.ts';
import { V2_STAGE_RULES } from '../plan/normalization-rules-v2.ts';
import { V2_UPDATE_ROUTE } from '../plan/patch-rules.ts';
import { ignorablePathsOf } from '../schema/registry-schema.ts';
import { API_KEY } from '../schema/spec-settings.ts';
import {
  V2_CREATE_ONLY_PROPERTIES,
  V2_PRIMARY_IDENTIFIER,
  V2_REGISTRY_SCHEMA,
  V2_STAGE_SCHEMA,
} from '../schema/v2-stage-schema.ts';
import type { StageType } from './stage-type.ts';

export const V2_STAGE: StageType = {
  typeName: V2_STAGE_TYPE_NAME,
  label: 'HTTP or WebSocket API stage',
  apiLabel: 'HTTP or WebSocket API',
  apiIdProperty: 'ApiId',
  apiNameKey: API_KEY,
  apiTypeName: 'AWS::ApiGatewayV2::Api',
  registry: V2_REGISTRY_SCHEMA,
  schema: V2_STAGE_SCHEMA,
  primaryIdentifier: V2_PRIMARY_IDENTIFIER,
  ignorablePaths: ignorablePathsOf(V2_REGISTRY_SCHEMA, V2_PRIMARY_IDENTIFIER),
  identityProperties: V2_CREATE_ONLY_PROPERTIES,
  // DeploymentId is not required (evidence item 1): auto-deploy or a pipeline sets it.
  requiredToCreate: [],
  tagShape: 'map',
  normalization: V2_STAGE_RULES,
  keptObjectsInWords: 'AccessLogSettings, DefaultRouteSettings or a route setting',
  notInPlace: [],
  updateRoute: V2_UPDATE_ROUTE,
};
