/**
 * An API Gateway V2 API (HTTP or WebSocket) as the service reports it. The values it fills in are
 * those of the live captures in go-to-k/cdk-real-drift `tests/corpus/AWS__ApiGatewayV2__Api.*.json`
 * (see docs/evidence/apigatewayv2-stage.md, "The API"):
 * - `ApiEndpoint` `https://{id}.execute-api.{region}.amazonaws.com`, `wss://` for WebSocket;
 * - `IpAddressType: "ipv4"`, `DisableExecuteApiEndpoint: false`;
 * - HTTP: `RouteSelectionExpression: "$request.method $request.path"`;
 * - WebSocket: `ApiKeySelectionExpression: "$request.header.x-api-key"` (cdk-real-drift#664);
 * - CORS `AllowHeaders`/`ExposeHeaders` lower-cased, and `[]` when not given;
 * - write-only properties (the registry schema's `writeOnlyProperties`) are never returned.
 */
import type { Model } from '../resources/world.ts';
import { V2_ERRORS, type V2ServiceError } from './errors.ts';
import { EMULATED_REGION, PROTOCOL_TYPES, type ProtocolType } from './names.ts';
import { isObject } from './stage-model.ts';

const HTTP_ROUTE_SELECTION = '$request.method $request.path';
const WEBSOCKET_API_KEY_SELECTION = '$request.header.x-api-key';

/** The Api schema's `writeOnlyProperties` (top level). */
const WRITE_ONLY = [
  'Body',
  'BasePath',
  'BodyS3Location',
  'CredentialsArn',
  'FailOnWarnings',
  'RouteKey',
  'Target',
  'DisableSchemaValidation',
];

function lowerCased(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => String(item).toLowerCase()) : [];
}

function readCors(value: unknown): Model | undefined {
  if (!isObject(value)) return undefined;
  return {
    ...value,
    AllowHeaders: lowerCased(value.AllowHeaders),
    ExposeHeaders: lowerCased(value.ExposeHeaders),
  };
}

export function apiEndpoint(apiId: string, protocol: ProtocolType): string {
  const scheme = protocol === 'WEBSOCKET' ? 'wss' : 'https';
  return `${scheme}://${apiId}.execute-api.${EMULATED_REGION}.amazonaws.com`;
}

/** The read model of an API (Cloud Control names). */
export function apiReadModel(stored: Model): Model {
  const protocol: ProtocolType = stored.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP';
  const apiId = String(stored.ApiId);
  const model: Model = Object.fromEntries(
    Object.entries(stored).filter(
      ([name, value]) => !WRITE_ONLY.includes(name) && value !== '' && value !== undefined,
    ),
  );
  model.ApiEndpoint = apiEndpoint(apiId, protocol);
  model.IpAddressType = stored.IpAddressType ?? 'ipv4';
  model.DisableExecuteApiEndpoint = stored.DisableExecuteApiEndpoint ?? false;
  if (protocol === 'HTTP') model.RouteSelectionExpression ??= HTTP_ROUTE_SELECTION;
  else model.ApiKeySelectionExpression ??= WEBSOCKET_API_KEY_SELECTION;
  const cors = readCors(stored.CorsConfiguration);
  if (cors) model.CorsConfiguration = cors;
  model.Tags = isObject(stored.Tags) ? { ...stored.Tags } : {};
  delete model.CreatedDate;
  return model;
}

/** The service's checks of a new API, in order. */
export function checkNewApi(desired: Model): V2ServiceError | undefined {
  if (desired.Body !== undefined || desired.BodyS3Location !== undefined)
    return V2_ERRORS.openApiUnsupported();
  if (!PROTOCOL_TYPES.includes(desired.ProtocolType as ProtocolType))
    return V2_ERRORS.protocolInvalid();
  if (typeof desired.Name !== 'string' || desired.Name === '') return V2_ERRORS.apiNameEmpty();
  if (desired.ProtocolType === 'WEBSOCKET' && typeof desired.RouteSelectionExpression !== 'string')
    return V2_ERRORS.routeSelectionRequired();
  return undefined;
}
