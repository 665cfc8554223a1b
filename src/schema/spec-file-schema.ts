/**
 * The JSON Schema of a spec file, for editors (`# yaml-language-server: $schema=...`): the stage
 * schema the validator uses, wrapped in the file's `defaults:` / `stages:` layout. Stages are
 * partial here because `defaults:` may supply any property; the loader checks required ones
 * after merging.
 */
import type { JsonSchema } from './json-schema.ts';
import { REST_API_KEY, SPEC_SETTINGS } from './spec-settings.ts';
import { STAGE_SCHEMA } from './stage-schema.ts';

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

export function specFileJsonSchema(): Record<string, unknown> {
  const { definitions, properties } = STAGE_SCHEMA as JsonSchema;
  // The spec rule (spec-settings.ts): lowercase keys are stage-sync's settings, the others
  // CloudFormation's properties; `not` keeps RestApiId and rest-api from being given together.
  const stage = {
    type: 'object',
    additionalProperties: false,
    properties: { ...SPEC_SETTINGS, ...properties },
    not: { required: ['RestApiId', REST_API_KEY] },
  };
  return standardOnly({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/stage-sync/stage-sync/schema/stage-sync.schema.json',
    title: 'stage-sync spec file',
    description:
      "API Gateway stages (AWS::ApiGateway::Stage) keyed by a logical name, with optional per-file defaults. Keys spelled as CloudFormation spells them are the stage's properties; lowercase keys are stage-sync's own settings.",
    type: 'object',
    additionalProperties: false,
    required: ['stages'],
    properties: {
      defaults: {
        description:
          "Properties (CloudFormation's spelling) and stage-sync settings (lowercase: ignore-changes, rest-api) applied to every stage in this file; a stage's own value replaces the default's, except Tags, which merge by Key.",
        $ref: '#/definitions/Stage',
      },
      stages: {
        description: 'Stages keyed by a logical name, unique across all spec files.',
        type: 'object',
        additionalProperties: { $ref: '#/definitions/Stage' },
      },
    },
    definitions: { ...definitions, Stage: stage },
  }) as Record<string, unknown>;
}
