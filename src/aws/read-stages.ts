/**
 * Cloud Control -> live stages. Declared stages are read one GetResource each; with prune, the
 * stages no spec declares are found by listing the region's REST APIs and then each API's stages
 * (the Stage list handler requires a RestApiId), and read in full, since a list handler may
 * return identifiers only.
 *
 * Every read of a stage, the plan's, the apply's and the re-plan's, is `readStage`: its retrying
 * is the port's (layer 1 of src/retry/policy.ts: paced, throttling retried, each attempt bounded
 * by a timeout), and nothing on top, so every read waits and gives up the same way.
 */
import { STAGE_TYPE_NAME, type LiveStage } from '../model/stage.ts';
import { mapConcurrent } from '../util/map-concurrent.ts';
import type { CloudControlPort } from './cloud-control-port.ts';

const REST_API_TYPE_NAME = 'AWS::ApiGateway::RestApi';

/** One stage as Cloud Control reads it now, or `undefined` when it does not exist. */
export async function readStage(
  port: CloudControlPort,
  identifier: string,
): Promise<LiveStage | undefined> {
  const description = await port.getResource(STAGE_TYPE_NAME, identifier);
  return description ? { identifier, properties: description.properties } : undefined;
}

/** The live stage for each identifier that exists; missing ones are absent from the map. */
export async function readStages(
  port: CloudControlPort,
  identifiers: readonly string[],
  concurrency: number,
): Promise<Map<string, LiveStage>> {
  const found = await mapConcurrent(identifiers, concurrency, (identifier) =>
    readStage(port, identifier),
  );
  return new Map(
    found.filter((stage) => stage !== undefined).map((stage) => [stage.identifier, stage]),
  );
}

/** Every stage in the region that is not in `declared`, read in full. */
export async function readUndeclaredStages(
  port: CloudControlPort,
  declared: ReadonlySet<string>,
  concurrency: number,
): Promise<LiveStage[]> {
  const restApis = await port.listResources(REST_API_TYPE_NAME);
  const perApi = await mapConcurrent(restApis, concurrency, (api) =>
    port.listResources(STAGE_TYPE_NAME, { RestApiId: api.identifier }),
  );
  const candidates = perApi
    .flat()
    .map((description) => description.identifier)
    .filter((identifier) => !declared.has(identifier))
    .sort();
  return [...(await readStages(port, candidates, concurrency)).values()];
}
