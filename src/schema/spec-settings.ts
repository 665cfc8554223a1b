/**
 * stage-sync's own settings in a spec file. The rule: a key spelled in lowercase in a stage (or in
 * `defaults:`) is stage-sync's own; a key spelled as CloudFormation spells it is a property of the
 * stage's type (`AWS::ApiGateway::Stage` unless `type:` says otherwise). Every CloudFormation
 * property name starts with a capital letter (src/schema/aws-apigateway-stage.json,
 * src/schema/aws-apigatewayv2-stage.json), so the two can never collide.
 */
import { STAGE_TYPE_NAME, V2_STAGE_TYPE_NAME } from '../model/stage.ts';
import type { JsonSchema } from './json-schema.ts';

export const IGNORE_CHANGES_KEY = 'ignore-changes';
export const TYPE_KEY = 'type';
/** A REST API by name (`AWS::ApiGateway::Stage`). */
export const REST_API_KEY = 'rest-api';
/** An HTTP or WebSocket API by name (`AWS::ApiGatewayV2::Stage`). */
export const API_KEY = 'api';

/** What each setting means, for the editor schema and the README. */
export const SPEC_SETTINGS: Readonly<Record<string, JsonSchema>> = {
  [TYPE_KEY]: {
    description:
      'The stage\u2019s resource type: AWS::ApiGateway::Stage (a REST API stage, the default) or AWS::ApiGatewayV2::Stage (an HTTP or WebSocket API stage). Properties are checked against that type. In defaults:, the type of every stage of the file that does not say its own.',
    type: 'string',
    enum: [STAGE_TYPE_NAME, V2_STAGE_TYPE_NAME],
  },
  [IGNORE_CHANGES_KEY]: {
    description:
      'Properties (or nested paths such as CanarySetting.DeploymentId) other tools own: for an existing stage they are read but never diffed or written. A stage\u2019s own list replaces the default\u2019s.',
    type: 'array',
    items: { type: 'string' },
    uniqueItems: true,
  },
  [REST_API_KEY]: {
    description:
      'For an AWS::ApiGateway::Stage: the REST API by its name instead of RestApiId, resolved through Cloud Control (AWS::ApiGateway::RestApi) in the run\u2019s account and region; exactly one API must have this name.',
    type: 'string',
    minLength: 1,
  },
  [API_KEY]: {
    description:
      'For an AWS::ApiGatewayV2::Stage: the HTTP or WebSocket API by its name instead of ApiId, resolved through Cloud Control (AWS::ApiGatewayV2::Api) in the run\u2019s account and region; exactly one API must have this name.',
    type: 'string',
    minLength: 1,
  },
};

/** The key that names a type's API by name (`rest-api`, `api`): only that type's stages take it. */
export const API_NAME_KEYS: readonly string[] = [REST_API_KEY, API_KEY];

/** A key is stage-sync's own when it starts with a lowercase letter. */
export const isSettingKey = (key: string): boolean => /^[a-z]/.test(key);
