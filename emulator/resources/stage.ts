/**
 * `AWS::ApiGateway::Stage`: the registry schema (emulator/registry/aws-apigateway-stage.json) for
 * Cloud Control's validation, and handlers that behave like API Gateway behind the real ones.
 * The stored model is the desired state as last written; reads go through `stageReadModel`.
 */
import registry from '../registry/aws-apigateway-stage.json' with { type: 'json' };
import type { JsonSchema } from '../registry/json-schema.ts';
import { accountThrottle } from '../stage/account-throttle.ts';
import { refusedFieldRemove } from '../stage/field-removes.ts';
import { inheritStageWideSettings } from '../stage/method-setting-inheritance.ts';
import { RECORDED_READ, stageReadModel, type StageReadOptions } from '../stage/read-model.ts';
import {
  apiGatewayFailure,
  apiGatewayMessageFailure,
  type ApiGatewayErrorName,
} from './api-gateway-errors.ts';
import {
  isFailure,
  type HandlerFailure,
  type HandlerView,
  type IdentifierParts,
  type ResourceType,
} from './types.ts';
import type { Model, World } from './world.ts';

export const STAGE = 'AWS::ApiGateway::Stage';
export const REST_API = 'AWS::ApiGateway::RestApi';
export const DEPLOYMENT = 'AWS::ApiGateway::Deployment';

const LOGGING_LEVELS = ['OFF', 'ERROR', 'INFO'];
/**
 * The cache sizes API Gateway accepts, in GB: the `cacheClusterSize` values of the API Gateway
 * API reference (CreateStage, https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html).
 */
const CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];
const MAX_TAGS = 50;

function stageId(restApiId: string, stageName: string): string {
  return `${restApiId}|${stageName}`;
}

/** The Deployment type's identifier (`DeploymentId|RestApiId`, its primaryIdentifier order). */
export function deploymentId(deployment: string, restApiId: string): string {
  return `${deployment}|${restApiId}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * What API Gateway refuses in a stage that the registry schema lets through, checked in order
 * when a create or update reaches the handler (so the request fails asynchronously). Limits from
 * the API Gateway developer guide's quotas page and CreateStage reference.
 */
const STAGE_RULES: readonly (readonly [(desired: Model) => boolean, ApiGatewayErrorName])[] = [
  [(d) => !/^[A-Za-z0-9_-]{1,128}$/.test(text(d.StageName)), 'stageNameInvalid'],
  [
    (d) =>
      d.CacheClusterSize !== undefined && !CACHE_CLUSTER_SIZES.includes(text(d.CacheClusterSize)),
    'cacheClusterSizeInvalid',
  ],
  [
    (d) =>
      Array.isArray(d.MethodSettings) &&
      d.MethodSettings.some(
        (setting: Record<string, unknown>) =>
          setting?.LoggingLevel !== undefined &&
          !LOGGING_LEVELS.includes(text(setting.LoggingLevel)),
      ),
    'loggingLevelInvalid',
  ],
  [(d) => Array.isArray(d.Tags) && d.Tags.length > MAX_TAGS, 'tooManyTags'],
];

/** The canary's deployment, when it names one. */
function canaryDeployment(desired: Model): string {
  return text((desired.CanarySetting as Record<string, unknown> | undefined)?.DeploymentId);
}

/** API Gateway's checks shared by create and update, in the order it reports them. */
function checkDesired(world: World, desired: Model): HandlerFailure | undefined {
  const restApiId = text(desired.RestApiId);
  if (text(desired.StageName) === '') return apiGatewayFailure('stageNameEmpty');
  if (!world.has(REST_API, restApiId)) return apiGatewayFailure('restApiNotFound');
  if (text(desired.DeploymentId) === '') return apiGatewayFailure('deploymentIdEmpty');
  if (!world.has(DEPLOYMENT, deploymentId(text(desired.DeploymentId), restApiId)))
    return apiGatewayFailure('deploymentNotFound');
  const canary = canaryDeployment(desired);
  if (canary !== '' && !world.has(DEPLOYMENT, deploymentId(canary, restApiId)))
    return apiGatewayFailure('canaryDeploymentNotFound');
  const broken = STAGE_RULES.find(([breaks]) => breaks(desired));
  return broken ? apiGatewayFailure(broken[1]) : undefined;
}

function locate(world: World, id: IdentifierParts): Model | HandlerFailure {
  if (!world.has(REST_API, id.RestApiId as string)) return apiGatewayFailure('restApiNotFound');
  const stored = world.get(STAGE, stageId(id.RestApiId as string, id.StageName as string));
  return stored ?? apiGatewayFailure('stageNotFound');
}

/** How reads render what nobody set, for the region and knobs of a call. */
function readOptions(view: HandlerView | undefined): StageReadOptions {
  if (!view) return RECORDED_READ;
  const { knobs } = view;
  return {
    accountThrottle: accountThrottle(view.region, {
      regional: knobs.recorded.regionalAccountThrottle,
      ...(knobs.accountThrottle ? { raised: knobs.accountThrottle } : {}),
    }),
    canaryDefaults: knobs.recorded.canaryDefaults,
    cacheSizeDefault: knobs.recorded.cacheSizeDefault,
  };
}

/** `desired` as API Gateway stores it after the write (fact 21, when switched on). */
function stored(previous: Model | undefined, desired: Model, view: HandlerView | undefined): Model {
  const inherit = view ? view.knobs.recorded.methodSettingInheritance : true;
  return inherit ? inheritStageWideSettings(previous, desired) : desired;
}

export const stageType: ResourceType = {
  typeName: STAGE,
  schema: registry as unknown as JsonSchema,
  primaryIdentifier: ['RestApiId', 'StageName'],
  createOnlyProperties: ['RestApiId', 'StageName'],
  generatedIdentifier: false,
  listRequires: ['RestApiId'],
  notFound: () => apiGatewayFailure('stageNotFound'),

  read(world, id, view) {
    const current = locate(world, id);
    return isFailure(current) ? current : stageReadModel(current, readOptions(view));
  },

  create(world, desired, view) {
    const failure = checkDesired(world, desired);
    if (failure) return failure;
    const id = stageId(text(desired.RestApiId), text(desired.StageName));
    if (world.has(STAGE, id)) return apiGatewayFailure('stageExists');
    world.put(STAGE, id, stored(undefined, desired, view));
    return { RestApiId: text(desired.RestApiId), StageName: text(desired.StageName) };
  },

  update(world, id, desired, view) {
    const current = locate(world, id);
    if (isFailure(current)) return current;
    const failure = checkDesired(world, desired);
    if (failure) return failure;
    world.put(
      STAGE,
      stageId(id.RestApiId as string, id.StageName as string),
      stored(current, desired, view),
    );
    return undefined;
  },

  /** Fact 23: a field-level remove inside a kept object is BadRequest (400) from UpdateStage. */
  refusedPatch(patch, current, view) {
    if (view && !view.knobs.recorded.fieldRemovesRefused) return undefined;
    const message = refusedFieldRemove(patch, current);
    return message ? apiGatewayMessageFailure('InvalidRequest', 400, message) : undefined;
  },

  delete(world, id) {
    const stored = locate(world, id);
    if (isFailure(stored)) return stored;
    world.delete(STAGE, stageId(id.RestApiId as string, id.StageName as string));
    return undefined;
  },

  list(world, resourceModel, view) {
    const restApiId = text(resourceModel.RestApiId);
    if (!world.has(REST_API, restApiId)) return apiGatewayFailure('restApiNotFound');
    const options = readOptions(view);
    return world
      .all(STAGE)
      .filter(([, model]) => model.RestApiId === restApiId)
      .map(([identifier, model]) => ({ identifier, model: stageReadModel(model, options) }));
  },
};
