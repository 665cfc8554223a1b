/**
 * An API Gateway V2 stage as the service keeps it, and the views of it the emulator serves.
 *
 * The world stores a stage under its Cloud Control property names (which map 1:1 onto the V2
 * API's members, go-to-k/cdk-real-drift `src/revert/writers.ts`), plus the service's own
 * `CreatedDate` / `LastUpdatedDate`. From that:
 * - `serviceStage` is what the service reports, with the values it fills in;
 * - `v2StageReadModel` is what the Cloud Control read handler returns (fact 37 of
 *   docs/reference/aws-recorded-behaviour.md);
 * - `checkStage` holds the service's checks of a stage (create, or Cloud Control update).
 * Sources for every rule are in docs/evidence/apigatewayv2-stage.md.
 */
import type { Model, World } from '../resources/world.ts';
import { deploymentExists } from './deployments.ts';
import { V2_ERRORS, type V2ServiceError } from './errors.ts';
import { V2_API, type ProtocolType } from './names.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: Json): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * The route-setting values the service fills in when they are not set. Recorded for
 * `DefaultRouteSettings` in the live captures (cdk-real-drift `tests/corpus/
 * AWS__ApiGatewayV2__Stage.{ApiDefaultStage189A7074,Live,WsStage}.json`): `DetailedMetricsEnabled:
 * false` on every stage, and on a WebSocket API also `LoggingLevel: "OFF"` and `DataTraceEnabled:
 * false`. The same fill for each `RouteSettings` entry is [inferred]. Throttling is never filled
 * (the `Live` capture reads back only the declared throttle).
 */
export const ROUTE_SETTING_DEFAULTS: Readonly<Record<ProtocolType, Readonly<JsonObject>>> = {
  HTTP: { DetailedMetricsEnabled: false },
  WEBSOCKET: { DataTraceEnabled: false, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' },
};

/** The members of a route setting and the JSON types the SDK model gives them. */
const ROUTE_SETTING_FIELDS: Readonly<Record<string, 'boolean' | 'integer' | 'number' | 'string'>> =
  {
    DataTraceEnabled: 'boolean',
    DetailedMetricsEnabled: 'boolean',
    LoggingLevel: 'string',
    ThrottlingBurstLimit: 'integer',
    ThrottlingRateLimit: 'number',
  };

/** The SDK model's `LoggingLevel` enum. */
const LOGGING_LEVELS = ['ERROR', 'INFO', 'OFF'];

/** The Stage schema's `StageName` description: alphanumerics, `-`, `_`, or `$default`; max 128. */
const STAGE_NAME = /^(\$default|[A-Za-z0-9_-]{1,128})$/;
/** The Stage schema's `StageVariables` description. */
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

export function protocolOf(world: World, apiId: string): ProtocolType | undefined {
  const api = world.get(V2_API, apiId);
  return api?.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : api ? 'HTTP' : undefined;
}

function fitsType(value: Json, type: string): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === type;
}

/** The service's objection to one route setting (default or per route), if any. */
export function routeSettingProblem(
  setting: Json,
  protocol: ProtocolType,
  member: string,
): V2ServiceError | undefined {
  if (!isObject(setting)) return V2_ERRORS.invalidInput(member);
  for (const [field, value] of Object.entries(setting)) {
    const type = ROUTE_SETTING_FIELDS[field];
    if (!type || !fitsType(value, type)) return V2_ERRORS.invalidInput(`${member}.${field}`);
  }
  if (
    protocol === 'HTTP' &&
    (setting.LoggingLevel !== undefined || setting.DataTraceEnabled !== undefined)
  )
    return V2_ERRORS.executionLogsOnHttp();
  if (setting.LoggingLevel !== undefined && !LOGGING_LEVELS.includes(String(setting.LoggingLevel)))
    return V2_ERRORS.loggingLevelInvalid(String(setting.LoggingLevel));
  return undefined;
}

/** Problems with the route settings of a stage: the default ones and each route's. */
export function routeSettingsProblem(
  stage: Model,
  protocol: ProtocolType,
): V2ServiceError | undefined {
  if (stage.DefaultRouteSettings !== undefined) {
    const problem = routeSettingProblem(
      stage.DefaultRouteSettings,
      protocol,
      'DefaultRouteSettings',
    );
    if (problem) return problem;
  }
  if (stage.RouteSettings === undefined) return undefined;
  if (!isObject(stage.RouteSettings)) return V2_ERRORS.invalidInput('RouteSettings');
  for (const [routeKey, setting] of Object.entries(stage.RouteSettings)) {
    const problem = routeSettingProblem(setting, protocol, `RouteSettings[${routeKey}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** Problems with stage variables; `allowRemoval` lets `""` through (UpdateStage removes with it). */
export function stageVariablesProblem(
  variables: Json,
  allowRemoval: boolean,
): V2ServiceError | undefined {
  if (variables === undefined) return undefined;
  if (!isObject(variables)) return V2_ERRORS.invalidInput('StageVariables');
  for (const [name, value] of Object.entries(variables)) {
    const removal = allowRemoval && value === '';
    if (
      !VARIABLE_NAME.test(name) ||
      typeof value !== 'string' ||
      (!removal && !VARIABLE_VALUE.test(value))
    )
      return V2_ERRORS.stageVariableInvalid(name);
  }
  return undefined;
}

/**
 * The service's checks of a whole stage, in the order it reports them: the API, the name, a
 * DeploymentId under auto-deploy (fact 36), the deployment's existence, route settings, stage
 * variables. `sentDeploymentId` is the DeploymentId the caller's request carries.
 */
export function checkStage(
  world: World,
  stage: Model,
  sentDeploymentId: Json,
): V2ServiceError | undefined {
  const apiId = String(stage.ApiId ?? '');
  const protocol = protocolOf(world, apiId);
  if (!protocol) return V2_ERRORS.apiNotFound(apiId);
  if (!STAGE_NAME.test(String(stage.StageName ?? ''))) return V2_ERRORS.stageNameInvalid();
  if (isNonEmptyString(sentDeploymentId)) {
    if (stage.AutoDeploy === true) return V2_ERRORS.deploymentIdWithAutoDeploy();
    if (!deploymentExists(world, apiId, sentDeploymentId))
      return V2_ERRORS.deploymentNotFound(sentDeploymentId);
  }
  return (
    routeSettingsProblem(stage, protocol) ?? stageVariablesProblem(stage.StageVariables, false)
  );
}

function stringMap(value: Json): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function filledRouteSetting(setting: Json, protocol: ProtocolType): JsonObject {
  const given = isObject(setting)
    ? Object.fromEntries(Object.entries(setting).filter(([field]) => field in ROUTE_SETTING_FIELDS))
    : {};
  return { ...ROUTE_SETTING_DEFAULTS[protocol], ...given };
}

function accessLogSettings(value: Json): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const settings: JsonObject = {};
  if (isNonEmptyString(value.DestinationArn)) settings.DestinationArn = value.DestinationArn;
  if (isNonEmptyString(value.Format)) settings.Format = value.Format;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

/**
 * The stage as the service reports it (GetStage, in the Cloud Control names): set strings,
 * `AutoDeploy` as it was set (absent when never set: the `WsStage` capture has no key), the
 * access-log settings when any, and always `DefaultRouteSettings`, `RouteSettings`,
 * `StageVariables` and `Tags`, filled and as maps (`{}` when empty: fact 37; `Tags: {}` is
 * [inferred] from the same handler keeping the other empty maps).
 */
export function serviceStage(stored: Model, protocol: ProtocolType): JsonObject {
  const stage: JsonObject = {};
  for (const name of ['ApiId', 'StageName', 'DeploymentId', 'Description', 'ClientCertificateId'])
    if (isNonEmptyString(stored[name])) stage[name] = stored[name];
  if (typeof stored.AutoDeploy === 'boolean') stage.AutoDeploy = stored.AutoDeploy;
  const logs = accessLogSettings(stored.AccessLogSettings);
  if (logs) stage.AccessLogSettings = logs;
  stage.DefaultRouteSettings = filledRouteSetting(stored.DefaultRouteSettings, protocol);
  stage.RouteSettings = Object.fromEntries(
    Object.entries(isObject(stored.RouteSettings) ? stored.RouteSettings : {}).map(
      ([routeKey, setting]) => [routeKey, filledRouteSetting(setting, protocol)],
    ),
  );
  stage.StageVariables = stringMap(stored.StageVariables);
  stage.Tags = stringMap(stored.Tags);
  for (const name of ['CreatedDate', 'LastUpdatedDate'])
    if (isNonEmptyString(stored[name])) stage[name] = stored[name];
  return stage;
}

/** What the Cloud Control read handler returns: the service's stage without its timestamps. */
export function v2StageReadModel(stored: Model, protocol: ProtocolType): JsonObject {
  const {
    CreatedDate: _created,
    LastUpdatedDate: _updated,
    ...model
  } = serviceStage(stored, protocol);
  return model;
}
