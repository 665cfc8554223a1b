/**
 * The JSON Schema of a spec file, for editors (`# yaml-language-server: $schema=...`): each stage
 * type's schema the validator uses (src/stage-types/), wrapped in the file's `defaults:` /
 * `stages:` layout. Stages are partial here because `defaults:` may supply any property; the loader
 * checks required ones after merging.
 *
 * A stage is one of the types, told apart by `type:` (draft-07 `if`/`then`/`else`). A stage that
 * does not say its `type:` takes the defaults', so which schema applies to such a stage is chosen
 * by the file's `defaults.type` (AWS::ApiGateway::Stage when it gives none). `defaults:` itself may
 * hold what any type has (Tags as a list or as a mapping: src/desired/merge-defaults.ts); the
 * loader checks each default against the stages that take it (src/desired/check-defaults.ts),
 * which a schema cannot say.
 */
import { DEFAULT_STAGE_TYPE, STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import type { JsonSchema } from './json-schema.ts';
import { API_NAME_KEYS, SPEC_SETTINGS, TYPE_KEY } from './spec-settings.ts';

/** Keywords of ours or of the CloudFormation registry that are not JSON Schema draft-07. */
const NON_STANDARD_KEYWORDS = new Set(['insertionOrder', 'patternDescription']);

function standardOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(standardOnly);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !NON_STANDARD_KEYWORDS.has(key))
      .map(([key, child]) => [key, standardOnly(child)]),
  );
}

type Schema = Record<string, unknown>;

/** `AWS_ApiGatewayV2_Stage`: a definition name for a type. */
const definitionName = (type: StageType): string => type.typeName.replaceAll('::', '_');
const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** The settings a stage of `type` may have: every one but the other types' API name keys. */
const settingsOf = (type: StageType): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(SPEC_SETTINGS).filter(
      ([key]) => !API_NAME_KEYS.includes(key) || key === type.apiNameKey,
    ),
  );

/** One type's stage: its settings and properties; its API by id or by name, not both. */
function stageOf(type: StageType): Schema {
  return {
    description: `${type.label} (${type.typeName})`,
    type: 'object',
    additionalProperties: false,
    properties: { ...settingsOf(type), ...type.schema.properties },
    not: { required: [type.apiIdProperty, type.apiNameKey] },
  };
}

/** `value`'s `key` is `constant` (and present). */
const has = (key: string, constant: unknown): Schema => ({
  type: 'object',
  required: [key],
  properties: { [key]: { const: constant } },
});

/** `if cases[0] then ... else if ... else otherwise`. */
function chain(cases: readonly (readonly [Schema, Schema])[], otherwise: Schema): Schema {
  return cases.reduceRight<Schema>(
    (rest, [condition, then]) => ({ if: condition, then, else: rest }),
    otherwise,
  );
}

/** A stage of the type its `type:` names, or of `fallback` when it names none. */
function stageDefaultingTo(fallback: StageType): Schema {
  const others = STAGE_TYPES.filter((type) => type !== fallback);
  return chain(
    others.map((type) => [has(TYPE_KEY, type.typeName), ref(definitionName(type))] as const),
    ref(definitionName(fallback)),
  );
}

/** Every type's properties; one a type spells differently from another is either. */
function defaultsSchema(): Schema {
  const byName = new Map<string, JsonSchema[]>();
  for (const type of STAGE_TYPES)
    for (const [name, schema] of Object.entries(type.schema.properties ?? {}))
      byName.set(name, [...(byName.get(name) ?? []), schema]);
  const properties = Object.fromEntries(
    [...byName].map(([name, schemas]) => {
      const distinct = [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()];
      if (distinct.length === 1) return [name, distinct[0]];
      const description = distinct.find((s) => s.description)?.description;
      return [name, { ...(description ? { description } : {}), anyOf: distinct }];
    }),
  );
  return {
    description:
      "Properties (CloudFormation's spelling) and stage-sync settings (lowercase: type, ignore-changes, rest-api, api) applied to every stage in this file that does not set them; a stage's own value replaces the default's, except Tags, which merge by key (written as a list of Key and Value or as a mapping, each stage takes them in its type's shape).",
    type: 'object',
    additionalProperties: false,
    properties: { ...SPEC_SETTINGS, ...properties },
    allOf: STAGE_TYPES.map((type) => ({
      not: { required: [type.apiIdProperty, type.apiNameKey] },
    })),
  };
}

/** The registry definitions of every type, in one namespace (their names must not clash). */
function definitionsOfTypes(): Record<string, JsonSchema> {
  const definitions: Record<string, JsonSchema> = {};
  for (const type of STAGE_TYPES) {
    for (const [name, schema] of Object.entries(type.schema.definitions ?? {})) {
      if (name in definitions && JSON.stringify(definitions[name]) !== JSON.stringify(schema))
        throw new Error(`two stage types define ${name} differently; name them apart`);
      definitions[name] = schema;
    }
  }
  return definitions;
}

const stagesOf = (fallback: StageType): Schema => ({
  properties: {
    stages: {
      type: 'object',
      additionalProperties: ref(`StageDefaultingTo_${definitionName(fallback)}`),
    },
  },
});

export function specFileJsonSchema(): Record<string, unknown> {
  const others = STAGE_TYPES.filter((type) => type !== DEFAULT_STAGE_TYPE);
  const definitions: Schema = { ...definitionsOfTypes(), Defaults: defaultsSchema() };
  for (const type of STAGE_TYPES) {
    definitions[definitionName(type)] = stageOf(type);
    definitions[`StageDefaultingTo_${definitionName(type)}`] = stageDefaultingTo(type);
  }
  return standardOnly({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/stage-sync/stage-sync/schema/stage-sync.schema.json',
    title: 'stage-sync spec file',
    description:
      "API Gateway stages keyed by a logical name, with optional per-file defaults: REST API stages (AWS::ApiGateway::Stage, the default) and HTTP or WebSocket API stages (type: AWS::ApiGatewayV2::Stage). Keys spelled as CloudFormation spells them are the stage's properties; lowercase keys are stage-sync's own settings.",
    type: 'object',
    additionalProperties: false,
    required: ['stages'],
    properties: {
      defaults: ref('Defaults'),
      stages: {
        description:
          'Stages keyed by a logical name, unique across all spec files. A stage without type: has the type of defaults:, else AWS::ApiGateway::Stage.',
        type: 'object',
      },
    },
    // Which type a stage without `type:` has is the defaults' `type:`.
    ...chain(
      others.map(
        (type) =>
          [
            {
              type: 'object',
              required: ['defaults'],
              properties: { defaults: has(TYPE_KEY, type.typeName) },
            },
            stagesOf(type),
          ] as const,
      ),
      stagesOf(DEFAULT_STAGE_TYPE),
    ),
    definitions,
  }) as Record<string, unknown>;
}
