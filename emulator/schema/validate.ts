/**
 * Validates a resource model against its registry schema the way Cloud Control does before it
 * calls a create or update handler, with the messages CC puts in its ValidationException:
 *
 * - `#: required key [RestApiId] not found` (CC error seen live: pulumi/pulumi-aws-native#1866)
 * - `#/X: expected type: Integer, found: String` (go-to-k/cdk-real-drift `src/revert/plan.ts`);
 *   CC never coerces `"true"` or `"300"` the way CloudFormation templates are coerced
 * - `#/EventSourceArn: failed validation constraint for keyword [pattern]` for every other
 *   keyword (aws/serverless-application-model#1699)
 * - `#: extraneous key [Foo] is not permitted` [inferred: the validator library's wording]
 *
 * Several problems are joined by newlines inside `Model validation failed (...)`, as in #1866.
 */
import type { JsonSchema } from '../registry/json-schema.ts';

/** Schema type names as the validator reports them. */
const TYPE_NAMES: Readonly<Record<NonNullable<JsonSchema['type']>, string>> = {
  string: 'String',
  boolean: 'Boolean',
  integer: 'Integer',
  number: 'Number',
  object: 'JSONObject',
  array: 'JSONArray',
};

function foundType(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Double';
  if (typeof value === 'object') return 'JSONObject';
  return typeof value === 'string' ? 'String' : typeof value === 'boolean' ? 'Boolean' : 'Unknown';
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
  }
}

function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  let node: unknown = root;
  for (const part of schema.$ref.replace(/^#\//, '').split('/'))
    node = (node as Record<string, unknown>)[part];
  if (!node) throw new Error(`Unresolvable $ref ${schema.$ref}`);
  return node as JsonSchema;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const constraint = (at: string, keyword: string) =>
  `${at}: failed validation constraint for keyword [${keyword}]`;

/** Keyword checks on scalars and arrays beyond `type`: each returns the failing keyword or nothing. */
const KEYWORD_CHECKS: readonly ((schema: JsonSchema, value: unknown) => string | undefined)[] = [
  (s, v) => (s.enum && !s.enum.includes(v as string | number) ? 'enum' : undefined),
  (s, v) =>
    typeof v === 'string' && s.minLength !== undefined && v.length < s.minLength
      ? 'minLength'
      : undefined,
  (s, v) =>
    typeof v === 'string' && s.maxLength !== undefined && v.length > s.maxLength
      ? 'maxLength'
      : undefined,
  (s, v) =>
    typeof v === 'string' && s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)
      ? 'pattern'
      : undefined,
  (s, v) =>
    typeof v === 'number' && s.minimum !== undefined && v < s.minimum ? 'minimum' : undefined,
  (s, v) =>
    typeof v === 'number' && s.maximum !== undefined && v > s.maximum ? 'maximum' : undefined,
  (s, v) =>
    Array.isArray(v) && s.minItems !== undefined && v.length < s.minItems ? 'minItems' : undefined,
  (s, v) =>
    Array.isArray(v) && s.maxItems !== undefined && v.length > s.maxItems ? 'maxItems' : undefined,
  (s, v) =>
    Array.isArray(v) && s.uniqueItems && new Set(v.map(canonicalJson)).size !== v.length
      ? 'uniqueItems'
      : undefined,
];

function validateNode(
  root: JsonSchema,
  schemaOrRef: JsonSchema,
  value: unknown,
  at: string,
  problems: string[],
): void {
  const schema = resolveRef(root, schemaOrRef);
  if (schema.type && !hasType(value, schema.type)) {
    problems.push(`${at}: expected type: ${TYPE_NAMES[schema.type]}, found: ${foundType(value)}`);
    return;
  }
  for (const check of KEYWORD_CHECKS) {
    const keyword = check(schema, value);
    if (keyword) problems.push(constraint(at, keyword));
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      validateNode(root, schema.items as JsonSchema, item, `${at}/${i}`, problems),
    );
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    validateObject(root, schema, value as Record<string, unknown>, at, problems);
  }
}

function validateObject(
  root: JsonSchema,
  schema: JsonSchema,
  value: Record<string, unknown>,
  at: string,
  problems: string[],
): void {
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push(`${at}: required key [${key}] not found`);
  }
  if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) {
    problems.push(constraint(at, 'maxProperties'));
  }
  for (const [key, item] of Object.entries(value)) {
    const childAt = `${at}/${key}`;
    if (schema.propertyNames) {
      const nameProblems: string[] = [];
      validateNode(root, schema.propertyNames, key, childAt, nameProblems);
      if (nameProblems.length > 0) problems.push(constraint(childAt, 'propertyNames'));
    }
    const declared = schema.properties?.[key];
    const patterned = Object.entries(schema.patternProperties ?? {}).filter(([pattern]) =>
      new RegExp(pattern, 'u').test(key),
    );
    if (declared) validateNode(root, declared, item, childAt, problems);
    for (const [, patternSchema] of patterned)
      validateNode(root, patternSchema, item, childAt, problems);
    if (!declared && patterned.length === 0 && schema.additionalProperties === false) {
      problems.push(`${at}: extraneous key [${key}] is not permitted`);
    }
  }
}

/** Every schema violation of `model`, in document order; empty when it is valid. */
export function schemaProblems(schema: JsonSchema, model: Record<string, unknown>): string[] {
  const problems: string[] = [];
  validateNode(schema, schema, model, '#', problems);
  return problems;
}

/** The ValidationException message for a set of problems. */
export function modelValidationMessage(problems: readonly string[]): string {
  return `Model validation failed (${problems.join('\n')})`;
}
