/**
 * The JSON Schema of a spec file, for editors (`# yaml-language-server: $schema=...`): the stage
 * schema the validator uses, wrapped in the file's `defaults:` / `stages:` layout. Stages are
 * partial here because `defaults:` may supply any property; the loader checks required ones
 * after merging.
 */
import type { JsonSchema } from './json-schema.ts';
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
  const stage = { type: 'object', additionalProperties: false, properties };
  return standardOnly({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/stage-sync/stage-sync/schema/stage-sync.schema.json',
    title: 'stage-sync spec file',
    description:
      'API Gateway stages (AWS::ApiGateway::Stage, CloudFormation property names) keyed by a logical name, with optional per-file defaults.',
    type: 'object',
    additionalProperties: false,
    required: ['stages'],
    properties: {
      defaults: {
        description: 'Properties applied to every stage in this file; Tags merge by Key.',
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
