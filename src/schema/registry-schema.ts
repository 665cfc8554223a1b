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

type SchemaNode = { readonly $ref?: string; readonly properties?: Record<string, unknown> };

/**
 * Every path `ignore-changes` may name for a stage of one type (src/schema/spec-settings.ts): each
 * top-level property of `registry` except the identifier (RestApiId or ApiId, and StageName, name
 * the stage; ignoring them would make it another stage), and each field of an object property
 * (`CanarySetting.DeploymentId`, `AccessLogSettings.Format`). Fixed per type: src/stage-types/
 * computes it once, as `StageType.ignorablePaths`.
 */
export function ignorablePathsOf(
  registry: RegistrySchema,
  primaryIdentifier: readonly string[],
): readonly string[] {
  const properties = registry.properties as Record<string, SchemaNode>;
  const definitions = (registry.definitions ?? {}) as Record<string, SchemaNode>;
  const paths: string[] = [];
  for (const [name, node] of Object.entries(properties)) {
    if (primaryIdentifier.includes(name)) continue;
    paths.push(name);
    const definition = node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
    for (const field of Object.keys(definition?.properties ?? {})) paths.push(`${name}.${field}`);
  }
  return paths;
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
