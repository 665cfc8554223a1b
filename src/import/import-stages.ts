/**
 * Live stages of one API (a REST API, or an HTTP or WebSocket API) -> the text of a spec file
 * that declares them: one logical name per stage, shared values in `defaults:`, nothing AWS fills
 * in by itself, and no ownership tag (every plan adds it; the first plan of the file adopts the
 * stages). Stages another repository manages are left out unless asked for by name. Everything
 * that differs between the types is read from the stage type (src/stage-types/). Pure.
 */
import {
  MANAGED_BY_TAG_KEY,
  type LiveStage,
  type StageProperties,
  type StageTypeName,
} from '../model/stage.ts';
import { tagEntries } from '../model/tags.ts';
import { managedBy } from '../plan/ownership.ts';
import { DECLARABLE_TAG_LIMIT } from '../schema/stage-schema.ts';
import { stageTypeOf } from '../stage-types/index.ts';
import { importableProperties } from './importable-properties.ts';
import { liftDefaults } from './lift-defaults.ts';
import { logicalNames } from './logical-names.ts';
import { renderSpecText } from './spec-text.ts';

export interface ImportInput {
  /** The stages' type; absent: `AWS::ApiGateway::Stage`. */
  readonly type?: StageTypeName;
  /** The API's stages, as Cloud Control's read handler returns them. */
  readonly live: readonly LiveStage[];
  /** The API's id (`RestApiId`, `ApiId`). */
  readonly apiId: string;
  /** The API's name, for the file's header, when known. */
  readonly apiName?: string;
  /** What people call the API (`HTTP API`), for the header; absent: the type's `apiLabel`. */
  readonly apiKind?: string;
  /** Import only these stage names (`--stage`); empty or absent imports every stage. */
  readonly stageNames?: readonly string[];
  /** This repository (`owner/repo`); a stage tagged with another is skipped unless named. */
  readonly repository?: string;
  /** Properties written into `ignore-changes:` (`--ignore-changes`). */
  readonly ignoreChanges?: readonly string[];
  /** Where the stages were read, for the header (`us-east-1`). */
  readonly region?: string;
  /** Logical names the repository's spec files declare already: imported names avoid them. */
  readonly declaredNames?: readonly string[];
}

export interface SkippedStage {
  readonly stageName: string;
  /** Why, for people: `stage-sync:managed-by says octo/other manages it (...)`. */
  readonly reason: string;
}

export interface ImportResult {
  /** The spec file; empty when nothing was imported. */
  readonly text: string;
  readonly imported: readonly { readonly name: string; readonly stageName: string }[];
  /** How many imported stages lack this repository's ownership tag: the first plan adopts them. */
  readonly adopting: number;
  /** Stages left out: another repository manages them, or they have more tags than a spec may declare. */
  readonly skipped: readonly SkippedStage[];
  /** `--stage` names with no such stage. */
  readonly missing: readonly string[];
}

const stageNameOf = (stage: LiveStage): string =>
  typeof stage.properties.StageName === 'string'
    ? stage.properties.StageName
    : (stage.identifier.split('|')[1] ?? stage.identifier);

export function importStages(input: ImportInput): ImportResult {
  const wanted = new Set(input.stageNames ?? []);
  const sorted = [...input.live].sort((a, b) =>
    stageNameOf(a) < stageNameOf(b) ? -1 : stageNameOf(a) > stageNameOf(b) ? 1 : 0,
  );
  const present = new Set(sorted.map(stageNameOf));
  const missing = [...wanted].filter((name) => !present.has(name)).sort();
  const skipped: SkippedStage[] = [];
  const type = stageTypeOf(input.type);
  const chosen = sorted.filter((stage) => {
    const stageName = stageNameOf(stage);
    if (wanted.size > 0 && !wanted.has(stageName)) return false;
    const owner = managedBy(stage.properties);
    if (wanted.size === 0 && owner !== undefined && owner !== input.repository) {
      skipped.push({
        stageName,
        reason: `${MANAGED_BY_TAG_KEY} says ${owner} manages it (import it anyway with --stage ${stageName})`,
      });
      return false;
    }
    // A file that declares more would not load (src/schema/stage-schema.ts DECLARABLE_TAG_LIMIT).
    const tags = tagEntries(importableProperties(stage.properties, input.region, type).Tags);
    if (tags.length > DECLARABLE_TAG_LIMIT) {
      skipped.push({
        stageName,
        reason: `it has ${tags.length} tags besides stage-sync's own, and a spec may declare at most ${DECLARABLE_TAG_LIMIT} (AWS allows 50 on a stage, and stage-sync writes two); remove some in AWS, then import it`,
      });
      return false;
    }
    return true;
  });
  if (chosen.length === 0) return { text: '', imported: [], adopting: 0, skipped, missing };

  const properties: StageProperties[] = chosen.map((stage) =>
    importableProperties(stage.properties, input.region, type),
  );
  const names = logicalNames(chosen.map(stageNameOf), input.declaredNames);
  const { defaults, stages } = liftDefaults(properties, type.tagShape);
  const api =
    input.apiName && input.apiName !== input.apiId
      ? `${input.apiId} (${input.apiName})`
      : input.apiId;
  const text = renderSpecText({
    type,
    header: [
      `Imported by \`stage-sync import\` from ${input.apiKind ?? type.apiLabel} ${api}${input.region ? ` in ${input.region}` : ''}.`,
      `Values AWS fills in by itself are left out, and so is the ${MANAGED_BY_TAG_KEY} tag: the first`,
      'plan of this file adopts the stages (adds only that tag) and shows no other change.',
    ],
    ignoreChanges: input.ignoreChanges ?? [],
    defaults,
    stages: stages.map((own, index) => ({ name: names[index] as string, properties: own })),
  });
  return {
    text,
    imported: chosen.map((stage, index) => ({
      name: names[index] as string,
      stageName: stageNameOf(stage),
    })),
    adopting: chosen.filter((stage) => managedBy(stage.properties) !== input.repository).length,
    skipped,
    missing,
  };
}
