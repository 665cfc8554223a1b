/**
 * Cloud Control -> live stages. Declared stages are read one GetResource each; with prune, the
 * stages no spec declares are found by listing the region's APIs of each managed type (REST APIs,
 * HTTP and WebSocket APIs) and then each API's stages (each Stage list handler requires its API's
 * id: `RestApiId`, `ApiId`), and read in full, since a list handler may return identifiers only.
 *
 * Every read of a stage, the plan's, the apply's and the re-plan's, is `readStage`: its retrying
 * is the port's (layer 1 of src/retry/policy.ts: paced, throttling retried, each attempt bounded
 * by a timeout), and nothing on top, so every read waits and gives up the same way.
 */
import type { LiveStage, StageTypeName } from '../model/stage.ts';
import { STAGE_TYPES, stageTypeOf } from '../stage-types/index.ts';
import { mapConcurrent } from '../util/map-concurrent.ts';
import type { CloudControlPort } from './cloud-control-port.ts';
import type { ApiTypeListing } from './list-apis.ts';

/** A stage to read: its identifier and type (absent: `AWS::ApiGateway::Stage`). */
export interface StageRef {
  readonly identifier: string;
  readonly type?: StageTypeName;
}

/** One stage as Cloud Control reads it now, or `undefined` when it does not exist. */
export async function readStage(
  port: CloudControlPort,
  identifier: string,
  type?: StageTypeName,
): Promise<LiveStage | undefined> {
  const stageType = stageTypeOf(type);
  const description = await port.getResource(stageType.typeName, identifier);
  if (!description) return undefined;
  return {
    ...(type !== undefined ? { type: stageType.typeName } : {}),
    identifier,
    properties: description.properties,
  };
}

/** The live stage for each stage that exists; missing ones are absent from the map. */
export async function readStages(
  port: CloudControlPort,
  stages: readonly StageRef[],
  concurrency: number,
): Promise<Map<string, LiveStage>> {
  const found = await mapConcurrent(stages, concurrency, (stage) =>
    readStage(port, stage.identifier, stage.type),
  );
  return new Map(
    found.filter((stage) => stage !== undefined).map((stage) => [stage.identifier, stage]),
  );
}

/** Every stage in the region, of every managed type, that is not in `declared`, read in full. */
export async function readUndeclaredStages(
  port: CloudControlPort,
  declared: ReadonlySet<string>,
  concurrency: number,
  listing: ApiTypeListing = (apiTypeName) => port.listResources(apiTypeName),
): Promise<LiveStage[]> {
  const perType = await Promise.all(
    STAGE_TYPES.map(async (stageType) => {
      const apis = await listing(stageType.apiTypeName);
      const perApi = await mapConcurrent(apis, concurrency, (api) =>
        port.listResources(stageType.typeName, { [stageType.apiIdProperty]: api.identifier }),
      );
      return perApi
        .flat()
        .map((description) => description.identifier)
        .filter((identifier) => !declared.has(identifier))
        .sort()
        .map((identifier): StageRef => ({ identifier, type: stageType.typeName }));
    }),
  );
  const candidates = perType.flat();
  return [...(await readStages(port, candidates, concurrency)).values()];
}
