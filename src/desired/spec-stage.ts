/**
 * A stage as a spec file declares it, before its REST API is known. A spec names the API by its id
 * (`RestApiId`) or by its name (`rest-api:`); only the engine, which can list the account's APIs,
 * can turn a name into an id, so only then is the stage's identifier (`RestApiId|StageName`) known.
 * The two kinds are distinct types so that nothing can plan an unresolved stage by mistake.
 */
import {
  stageIdentifier,
  type DesiredStage,
  type SourceLocation,
  type StageProperties,
} from '../model/stage.ts';

export type SpecRestApi =
  | { readonly by: 'id'; readonly id: string }
  | {
      readonly by: 'name';
      readonly name: string;
      /** Where the name is written, for a problem when it does not resolve. */
      readonly at: SourceLocation;
    };

export interface SpecStage {
  readonly name: string;
  readonly restApi: SpecRestApi;
  /** The stage's properties (defaults merged); `RestApiId` only when the spec gives it. */
  readonly properties: StageProperties;
  /** Property paths other tools own (`ignore-changes:`, a stage's own list replacing the default's). */
  readonly ignoreChanges: readonly string[];
  readonly source: SourceLocation;
}

/** The desired stage once its REST API id is known. */
export function resolvedStage(stage: SpecStage, restApiId: string): DesiredStage {
  const properties = { ...stage.properties, RestApiId: restApiId };
  return {
    name: stage.name,
    identifier: stageIdentifier(restApiId, String(stage.properties.StageName)),
    properties,
    source: stage.source,
    ...(stage.ignoreChanges.length > 0 ? { ignoreChanges: stage.ignoreChanges } : {}),
    ...(stage.restApi.by === 'name' ? { apiName: stage.restApi.name } : {}),
  };
}

/**
 * The stages whose specs give `RestApiId`, resolved without asking AWS; throws for a stage named by
 * `rest-api:` (for callers, such as the previous specs or tests, that only accept ids).
 */
export function stagesById(stages: readonly SpecStage[]): DesiredStage[] {
  return stages.map((stage) => {
    if (stage.restApi.by !== 'id')
      throw new Error(`stage ${stage.name} names its REST API by name; resolve it first`);
    return resolvedStage(stage, stage.restApi.id);
  });
}
