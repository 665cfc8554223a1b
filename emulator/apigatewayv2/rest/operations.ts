/**
 * The API Gateway V2 operations the emulator serves on its REST endpoint, with the paths of
 * `@aws-sdk/client-apigatewayv2`'s model (`dist-es/schemas/schemas_0.js`):
 *
 * | operation               | method and path                                                  | success |
 * | ----------------------- | ---------------------------------------------------------------- | ------- |
 * | GetApis                 | GET /v2/apis                                                     | 200     |
 * | GetApi                  | GET /v2/apis/{ApiId}                                             | 200     |
 * | GetStages               | GET /v2/apis/{ApiId}/stages                                      | 200     |
 * | GetStage                | GET /v2/apis/{ApiId}/stages/{StageName}                          | 200     |
 * | UpdateStage             | PATCH /v2/apis/{ApiId}/stages/{StageName}                        | 200     |
 * | DeleteRouteSettings     | DELETE /v2/apis/{ApiId}/stages/{StageName}/routesettings/{RouteKey} | 204  |
 * | DeleteAccessLogSettings | DELETE /v2/apis/{ApiId}/stages/{StageName}/accesslogsettings     | 204     |
 * | GetTags                 | GET /v2/tags/{ResourceArn}                                       | 200     |
 * | TagResource             | POST /v2/tags/{ResourceArn}                                      | 201     |
 * | UntagResource           | DELETE /v2/tags/{ResourceArn}?tagKeys=...                        | 204     |
 *
 * Tag ARNs name an API or a stage: `arn:aws:apigateway:{region}::/apis/{apiId}` and
 * `.../apis/{apiId}/stages/{stageName}` (the form terraform-provider-aws builds in
 * `internal/service/apigatewayv2/stage.go`).
 *
 * They act on the same world as Cloud Control, so a stage updated here reads back changed through
 * GetResource.
 */
import type { Model, World } from '../../resources/world.ts';
import { apiReadModel } from '../api-model.ts';
import { isV2Error, V2_ERRORS, type V2ServiceError } from '../errors.ts';
import { V2_API, V2_STAGE, v2StageKey, type ProtocolType } from '../names.ts';
import { isObject, protocolOf, serviceStage } from '../stage-model.ts';
import { applyStageUpdate } from '../stage-update.ts';
import type { V2OperationName } from './call-names.ts';
import { parseStageUpdate, toWire } from './wire-shapes.ts';

export interface V2Call {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Model;
  readonly world: World;
  readonly pageSize: number;
  readonly now: Date;
}

export interface V2Answer {
  readonly status: number;
  readonly body?: Model;
}

interface Route {
  readonly operation: V2OperationName;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly typeName: string;
  readonly write: boolean;
  readonly run: (call: V2Call) => V2Answer | V2ServiceError;
}

/** The stored stage and its API's protocol, or the NotFound error for the API or the stage. */
function locate(call: V2Call): { stored: Model; protocol: ProtocolType } | V2ServiceError {
  const { ApiId: apiId = '', StageName: stageName = '' } = call.params;
  const protocol = protocolOf(call.world, apiId);
  if (!protocol) return V2_ERRORS.apiNotFound(apiId);
  const stored = call.world.get(V2_STAGE, v2StageKey(apiId, stageName));
  return stored ? { stored, protocol } : V2_ERRORS.stageNotFound(stageName);
}

function wireStage(stored: Model, protocol: ProtocolType): Model {
  const { ApiId: _apiId, ...stage } = serviceStage(stored, protocol);
  return {
    ...toWire(stage),
    ...(stored.ApiGatewayManaged === true ? { apiGatewayManaged: true } : {}),
  };
}

function wireApi(stored: Model): Model {
  return {
    ...toWire(apiReadModel(stored)),
    ...(typeof stored.CreatedDate === 'string' ? { createdDate: stored.CreatedDate } : {}),
  };
}

/** One page of `items`, `maxResults` (or the list page-size knob) at a time, by a cursor token. */
function page(call: V2Call, items: readonly [string, Model][]): V2Answer | V2ServiceError {
  const requested = Number(call.query.get('maxResults') ?? call.pageSize);
  if (!Number.isInteger(requested) || requested < 1) return V2_ERRORS.invalidInput('maxResults');
  const token = call.query.get('nextToken');
  const after = token === null ? undefined : Buffer.from(token, 'base64url').toString('utf8');
  const remaining = items.filter(([key]) => after === undefined || key > after);
  const shown = remaining.slice(0, requested);
  const last = shown[shown.length - 1];
  return {
    status: 200,
    body: {
      items: shown.map(([, item]) => item),
      ...(remaining.length > shown.length && last
        ? { nextToken: Buffer.from(last[0], 'utf8').toString('base64url') }
        : {}),
    },
  };
}

/** What a tag ARN names: an API, or one of its stages; undefined when it is no such ARN. */
export function parseTagArn(arn: string): { apiId: string; stageName?: string } | undefined {
  const match = /^arn:aws[\w-]*:apigateway:[^:]*::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn);
  if (!match) return undefined;
  const [, apiId = '', stageName] = match;
  return stageName === undefined ? { apiId } : { apiId, stageName };
}

/** The world entry an API Gateway ARN names: an API or a stage. */
function tagged(
  world: World,
  arn: string,
): { typeName: string; key: string; model: Model } | V2ServiceError {
  const parsed = parseTagArn(arn);
  if (!parsed) return V2_ERRORS.invalidInput('ResourceArn');
  const { apiId, stageName } = parsed;
  if (!world.has(V2_API, apiId)) return V2_ERRORS.apiNotFound(apiId);
  if (stageName === undefined)
    return { typeName: V2_API, key: apiId, model: world.get(V2_API, apiId) as Model };
  const key = v2StageKey(apiId, stageName);
  const model = world.get(V2_STAGE, key);
  return model ? { typeName: V2_STAGE, key, model } : V2_ERRORS.stageNotFound(stageName);
}

function tagsOf(model: Model): Record<string, unknown> {
  return isObject(model.Tags) ? model.Tags : {};
}

function route(
  operation: V2OperationName,
  method: string,
  path: string,
  typeName: string,
  run: Route['run'],
): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return { operation, method, pattern, names, typeName, write: method !== 'GET', run };
}

export const V2_ROUTES: readonly Route[] = [
  route('GetApis', 'GET', '/v2/apis', V2_API, (call) =>
    page(
      call,
      call.world.all(V2_API).map(([apiId, stored]) => [apiId, wireApi(stored)]),
    ),
  ),
  route('GetApi', 'GET', '/v2/apis/{ApiId}', V2_API, (call) => {
    const stored = call.world.get(V2_API, call.params.ApiId ?? '');
    return stored
      ? { status: 200, body: wireApi(stored) }
      : V2_ERRORS.apiNotFound(call.params.ApiId ?? '');
  }),
  route('GetStages', 'GET', '/v2/apis/{ApiId}/stages', V2_STAGE, (call) => {
    const apiId = call.params.ApiId ?? '';
    const protocol = protocolOf(call.world, apiId);
    if (!protocol) return V2_ERRORS.apiNotFound(apiId);
    const stages = call.world
      .all(V2_STAGE)
      .filter(([, stored]) => stored.ApiId === apiId)
      .map(([key, stored]): [string, Model] => [key, wireStage(stored, protocol)]);
    return page(call, stages);
  }),
  route('GetStage', 'GET', '/v2/apis/{ApiId}/stages/{StageName}', V2_STAGE, (call) => {
    const found = locate(call);
    return isV2Error(found)
      ? found
      : { status: 200, body: wireStage(found.stored, found.protocol) };
  }),
  route('UpdateStage', 'PATCH', '/v2/apis/{ApiId}/stages/{StageName}', V2_STAGE, (call) => {
    const found = locate(call);
    if (isV2Error(found)) return found;
    const update = parseStageUpdate(call.body);
    if (isV2Error(update)) return update;
    const next = applyStageUpdate(call.world, found.stored, update, found.protocol, call.now);
    if (isV2Error(next)) return next;
    call.world.put(V2_STAGE, v2StageKey(String(next.ApiId), String(next.StageName)), next);
    return { status: 200, body: wireStage(next, found.protocol) };
  }),
  route(
    'DeleteRouteSettings',
    'DELETE',
    '/v2/apis/{ApiId}/stages/{StageName}/routesettings/{RouteKey}',
    V2_STAGE,
    (call) => {
      const found = locate(call);
      if (isV2Error(found)) return found;
      const routeKey = call.params.RouteKey ?? '';
      const settings = isObject(found.stored.RouteSettings) ? found.stored.RouteSettings : {};
      if (!(routeKey in settings)) return V2_ERRORS.routeSettingsNotFound(routeKey);
      const { [routeKey]: _removed, ...kept } = settings;
      call.world.put(V2_STAGE, v2StageKey(call.params.ApiId ?? '', call.params.StageName ?? ''), {
        ...found.stored,
        RouteSettings: kept,
        LastUpdatedDate: call.now.toISOString(),
      });
      return { status: 204 };
    },
  ),
  /** Removing settings that are not there succeeds [inferred]. */
  route(
    'DeleteAccessLogSettings',
    'DELETE',
    '/v2/apis/{ApiId}/stages/{StageName}/accesslogsettings',
    V2_STAGE,
    (call) => {
      const found = locate(call);
      if (isV2Error(found)) return found;
      const { AccessLogSettings: _removed, ...kept } = found.stored;
      call.world.put(V2_STAGE, v2StageKey(call.params.ApiId ?? '', call.params.StageName ?? ''), {
        ...kept,
        LastUpdatedDate: call.now.toISOString(),
      });
      return { status: 204 };
    },
  ),
  route('GetTags', 'GET', '/v2/tags/{ResourceArn}', V2_STAGE, (call) => {
    const found = tagged(call.world, call.params.ResourceArn ?? '');
    return isV2Error(found) ? found : { status: 200, body: { tags: { ...tagsOf(found.model) } } };
  }),
  route('TagResource', 'POST', '/v2/tags/{ResourceArn}', V2_STAGE, (call) => {
    const found = tagged(call.world, call.params.ResourceArn ?? '');
    if (isV2Error(found)) return found;
    const tags = call.body.tags;
    if (!isObject(tags) || Object.values(tags).some((value) => typeof value !== 'string'))
      return V2_ERRORS.invalidInput('tags');
    call.world.put(found.typeName, found.key, {
      ...found.model,
      Tags: { ...tagsOf(found.model), ...tags },
    });
    return { status: 201, body: {} };
  }),
  route('UntagResource', 'DELETE', '/v2/tags/{ResourceArn}', V2_STAGE, (call) => {
    const found = tagged(call.world, call.params.ResourceArn ?? '');
    if (isV2Error(found)) return found;
    const removed = new Set(call.query.getAll('tagKeys'));
    const kept = Object.fromEntries(
      Object.entries(tagsOf(found.model)).filter(([key]) => !removed.has(key)),
    );
    call.world.put(found.typeName, found.key, { ...found.model, Tags: kept });
    return { status: 204 };
  }),
];

/** The route a request matches, with its decoded path parameters. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of V2_ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
    );
    return { route: candidate, params };
  }
  return undefined;
}
