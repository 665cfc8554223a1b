/**
 * A stage as a spec file declares it, before its API is known. A spec names the API by its id
 * (`RestApiId` for a REST API stage, `ApiId` for an HTTP or WebSocket API stage) or by its name
 * (`rest-api:`, `api:`); only the engine, which can list the account's APIs, can turn a name into
 * an id, so only then is the stage's identifier (`RestApiId|StageName`, `ApiId|StageName`) known.
 * The two kinds are distinct types so that nothing can plan an unresolved stage by mistake.
 */
import {
  stageIdentifier,
  type DesiredStage,
  type SourceLocation,
  type StageProperties,
  type StageTypeName,
} from '../model/stage.ts';
import { stageTypeOf, type StageType } from '../stage-types/index.ts';

export type SpecApi =
  | { readonly by: 'id'; readonly id: string }
  | {
      readonly by: 'name';
      readonly name: string;
      /** Where the name is written, for a problem when it does not resolve. */
      readonly at: SourceLocation;
    };

export interface SpecStage {
  readonly name: string;
  /** The stage's resource type: its own `type:`, the defaults', or `AWS::ApiGateway::Stage`. */
  readonly type: StageTypeName;
  /** The stage's API, by id or by name (the type's `apiIdProperty` or `apiNameKey`). */
  readonly api: SpecApi;
  /** The stage's properties (defaults merged); the API's id property only when the spec gives it. */
  readonly properties: StageProperties;
  /** Property paths other tools own (`ignore-changes:`, a stage's own list replacing the default's). */
  readonly ignoreChanges: readonly string[];
  readonly source: SourceLocation;
}

/**
 * Why a second spec of one stage is refused: two specs of one stage would each plan it. Said by
 * the loader (identities it knows from the files) and by the engine once names are resolved to
 * ids, in the same words: `stage B declares a1b2|prod (RestApiId|StageName), already declared
 * as A at stages.yml:3; one spec per stage`.
 */
export function oneSpecPerStageMessage(
  stage: { readonly name: string; readonly identity: string; readonly type: StageType },
  earlier: { readonly name: string; readonly source: SourceLocation },
): string {
  const parts = stage.type.primaryIdentifier.join('|');
  return `stage ${stage.name} declares ${stage.identity} (${parts}), already declared as ${earlier.name} at ${earlier.source.file}:${earlier.source.line}; one spec per stage`;
}

/** The desired stage once its API's id is known. */
export function resolvedStage(stage: SpecStage, apiId: string): DesiredStage {
  const properties = { ...stage.properties, [stageTypeOf(stage.type).apiIdProperty]: apiId };
  return {
    name: stage.name,
    type: stage.type,
    identifier: stageIdentifier(apiId, String(stage.properties.StageName)),
    properties,
    source: stage.source,
    ...(stage.ignoreChanges.length > 0 ? { ignoreChanges: stage.ignoreChanges } : {}),
    ...(stage.api.by === 'name' ? { apiName: stage.api.name } : {}),
  };
}

/**
 * The stages whose specs give the API's id, resolved without asking AWS; throws for a stage named
 * by `rest-api:` or `api:` (for callers, such as tests, that only accept ids).
 */
export function stagesById(stages: readonly SpecStage[]): DesiredStage[] {
  return stages.map((stage) => {
    if (stage.api.by !== 'id')
      throw new Error(
        `stage ${stage.name} names its ${stageTypeOf(stage.type).apiLabel} by name; resolve it first`,
      );
    return resolvedStage(stage, stage.api.id);
  });
}
