/**
 * What every vendored CloudFormation registry schema offers the product: its identifier and
 * create-only properties by name, and the JSON Schema overlay that adds what API Gateway enforces
 * beyond the schema (stage-schema.ts, v2-stage-schema.ts), so that the validator, the editor
 * schema and the plan read the same facts.
 */
import type { JsonSchema } from './json-schema.ts';

export interface RegistrySchema extends JsonSchema {
  readonly typeName: string;
  readonly createOnlyProperties: readonly string[];
  readonly primaryIdentifier: readonly string[];
  readonly readOnlyProperties?: readonly string[];
  readonly writeOnlyProperties?: readonly string[];
}

/** `/properties/StageName` -> `StageName`. */
export const topLevelNames = (pointers: readonly string[] = []): readonly string[] =>
  pointers.map((pointer) => pointer.replace(/^\/properties\//, ''));

function pointerParts(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/');
}

/** `base` with each `extra` entry's keywords merged into the node its JSON Pointer names. */
export function overlay(base: JsonSchema, extra: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const [pointer, rules] of Object.entries(extra)) {
    let node: Record<string, unknown> = copy;
    for (const part of pointerParts(pointer)) node = node[part] as Record<string, unknown>;
    Object.assign(node, rules);
  }
  return copy as JsonSchema;
}

/** Resolves a local `$ref` (`#/definitions/X`) against a root schema. */
export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  let node: unknown = root;
  for (const part of pointerParts(schema.$ref.replace(/^#/, ''))) {
    node = (node as Record<string, unknown>)[part];
  }
  if (!node) throw new Error(`Unresolvable $ref ${schema.$ref}`);
  return node as JsonSchema;
}
