/**
 * The region's APIs of one kind (`AWS::ApiGateway::RestApi`, `AWS::ApiGatewayV2::Api`) with
 * their names, through Cloud Control: what turns a spec's `rest-api:`/`api:` name into an id
 * (src/engine/resolve-apis.ts) and what `stage-sync import --rest-api/--api` looks a name up in
 * (src/import/find-api.ts). ListResources follows every page; a list handler may return
 * identifiers only (as read-stages.ts assumes for stages), so an API listed without its `Name`
 * is read in full.
 */
import type { CloudControlPort, ResourceDescription } from './cloud-control-port.ts';
import { mapConcurrent } from '../util/map-concurrent.ts';

export interface ListedApi {
  /** The API's id (Cloud Control's identifier). */
  readonly id: string;
  readonly name: string | undefined;
  /** The API's model as read (`ProtocolType` tells an HTTP API from a WebSocket API). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** How many APIs without a listed name are read at once. */
const READS_IN_FLIGHT = 10;

const nameIn = (properties: Readonly<Record<string, unknown>>): string | undefined =>
  typeof properties.Name === 'string' ? properties.Name : undefined;

/** An API as read (GetResource of its id). */
export function listedApi(id: string, properties: Readonly<Record<string, unknown>>): ListedApi {
  return { id, name: nameIn(properties), properties };
}

/** What ListResources of an API type answered (every page). */
export type ApiTypeListing = (apiTypeName: string) => Promise<readonly ResourceDescription[]>;

/**
 * Lists each API type at most once, on first use: a plan that resolves `rest-api:`/`api:` names
 * and prunes needs the same listing twice (the names, and the APIs whose stages it lists).
 */
export function listEachApiTypeOnce(port: CloudControlPort): ApiTypeListing {
  const listings = new Map<string, Promise<readonly ResourceDescription[]>>();
  return (apiTypeName) => {
    let listing = listings.get(apiTypeName);
    if (!listing) {
      listing = port.listResources(apiTypeName);
      listings.set(apiTypeName, listing);
    }
    return listing;
  };
}

export async function listApis(
  port: CloudControlPort,
  apiTypeName: string,
  listing: ApiTypeListing = (typeName) => port.listResources(typeName),
): Promise<ListedApi[]> {
  const listed = await listing(apiTypeName);
  return mapConcurrent(listed, READS_IN_FLIGHT, async (api) => {
    const properties =
      nameIn(api.properties) !== undefined
        ? api.properties
        : ((await port.getResource(apiTypeName, api.identifier))?.properties ?? api.properties);
    return listedApi(api.identifier, properties);
  });
}
