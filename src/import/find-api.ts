/**
 * The API whose stages `stage-sync import` reads, by its id or by its name, through Cloud Control:
 * a REST API (`AWS::ApiGateway::RestApi`) or an HTTP or WebSocket API (`AWS::ApiGatewayV2::Api`),
 * whichever the stage type's `apiTypeName` says (src/stage-types/). Both read models carry `Name`;
 * the V2 one also `ProtocolType` (docs/evidence/apigatewayv2-stage.md item 24), which tells an
 * HTTP API from a WebSocket API, so that messages can say which one it is.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { listApis, listedApi, type ListedApi } from '../aws/list-apis.ts';
import { closestName } from '../desired/closest-name.ts';
import type { StageType } from '../stage-types/index.ts';

/** A problem with what AWS holds (no such API or stage): the command exits 1. */
export class ImportError extends Error {}

export interface FoundApi {
  readonly id: string;
  readonly name?: string;
  /** What people call it: `REST API`, `HTTP API`, `WebSocket API` (see {@link apiKindOf}). */
  readonly kind: string;
}

/**
 * `ProtocolType` values of `AWS::ApiGatewayV2::Api` (its registry schema, vendored as
 * emulator/registry/aws-apigatewayv2-api.json) as people name the API.
 */
const KIND_BY_PROTOCOL: Readonly<Record<string, string>> = {
  HTTP: 'HTTP API',
  WEBSOCKET: 'WebSocket API',
};

/** What people call the API `properties` describe: by its protocol when known, else its type's. */
export function apiKindOf(type: StageType, properties: Readonly<Record<string, unknown>>): string {
  const protocol = properties.ProtocolType;
  return (typeof protocol === 'string' ? KIND_BY_PROTOCOL[protocol] : undefined) ?? type.apiLabel;
}

function found(type: StageType, api: ListedApi): FoundApi {
  const kind = apiKindOf(type, api.properties);
  return api.name !== undefined ? { id: api.id, name: api.name, kind } : { id: api.id, kind };
}

/** The API of `type`'s kind with id `id` in `region` (for messages). */
export async function findApiById(
  port: CloudControlPort,
  type: StageType,
  id: string,
  region: string,
): Promise<FoundApi> {
  const description = await port.getResource(type.apiTypeName, id);
  if (!description) throw new ImportError(`there is no ${type.apiLabel} ${id} in ${region}`);
  return found(type, listedApi(id, description.properties));
}

/**
 * The one API of `type`'s kind named `name` in `region`; none or several is an ImportError that
 * names the nearest name or the ids to choose from (`idFlag`, the flag that takes an id).
 */
export async function findApiByName(
  port: CloudControlPort,
  type: StageType,
  name: string,
  region: string,
  idFlag: string,
): Promise<FoundApi> {
  const apis = await listApis(port, type.apiTypeName);
  const matches = apis.filter((api) => api.name === name);
  const [match] = matches;
  if (match && matches.length === 1) return found(type, match);
  const labels = `${type.apiLabel}s`;
  if (matches.length > 1) {
    throw new ImportError(
      `${matches.length} ${labels} in ${region} are named ${name} (${matches.map((api) => api.id).join(', ')}); pass ${idFlag}`,
    );
  }
  const names = apis.map((api) => api.name).filter((n): n is string => n !== undefined);
  const suggestion = closestName(name, names);
  throw new ImportError(
    `there is no ${type.apiLabel} named ${name} in ${region}` +
      (suggestion
        ? `; did you mean ${suggestion}?`
        : names.length === 0
          ? ` (it has no ${labels})`
          : ''),
  );
}
