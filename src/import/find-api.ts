/**
 * The API whose stages `stage-sync import` reads, by its id or by its name, through Cloud Control:
 * a REST API (`AWS::ApiGateway::RestApi`) or an HTTP or WebSocket API (`AWS::ApiGatewayV2::Api`),
 * whichever the stage type's `apiTypeName` says (src/stage-types/). Both read models carry `Name`;
 * the V2 one also `ProtocolType` (docs/evidence/apigatewayv2-stage.md item 24), which tells an
 * HTTP API from a WebSocket API, so that messages can say which one it is.
 */
import type { CloudControlPort, ResourceDescription } from '../aws/cloud-control-port.ts';
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

const nameOf = (description: ResourceDescription): string | undefined =>
  typeof description.properties.Name === 'string' ? description.properties.Name : undefined;

function found(type: StageType, description: ResourceDescription): FoundApi {
  const name = nameOf(description);
  const kind = apiKindOf(type, description.properties);
  return name ? { id: description.identifier, name, kind } : { id: description.identifier, kind };
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
  return found(type, { ...description, identifier: id });
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
  const listed = await port.listResources(type.apiTypeName);
  // A list handler may return identifiers only; read those in full for their names.
  const apis = await Promise.all(
    listed.map(async (api) =>
      nameOf(api) === undefined
        ? {
            ...((await port.getResource(type.apiTypeName, api.identifier)) ?? api),
            identifier: api.identifier,
          }
        : api,
    ),
  );
  const matches = apis.filter((api) => nameOf(api) === name);
  const [match] = matches;
  if (match && matches.length === 1) return found(type, match);
  const labels = `${type.apiLabel}s`;
  if (matches.length > 1) {
    throw new ImportError(
      `${matches.length} ${labels} in ${region} are named ${name} (${matches.map((api) => api.identifier).join(', ')}); pass ${idFlag}`,
    );
  }
  const names = apis.map(nameOf).filter((n): n is string => n !== undefined);
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
