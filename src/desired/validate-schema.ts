/**
 * Checks a value against a JSON Schema (the registry schema of AWS::ApiGateway::Stage refined by
 * AWS's own rules) and says, for each violation, which property and what is allowed. Only the
 * keywords registry schemas use are interpreted. Values are never coerced: Cloud Control rejects
 * `"true"` where the schema wants a boolean, so a spec must not pass with it either.
 */
import { resolveRef } from '../schema/registry-schema.ts';
import type { JsonSchema } from '../schema/json-schema.ts';
import { closestName } from './closest-name.ts';
import type { ValuePath } from './yaml-document.ts';

export interface SchemaProblem {
  readonly path: ValuePath;
  /** Report at the key (unknown or missing property names) or at the value. */
  readonly at: 'key' | 'value';
  readonly message: string;
}

export interface SchemaCheckOptions {
  /** Skip the root's `required` (per-file defaults and stages are each partial). */
  readonly partialRoot?: boolean;
  /**
   * Top-level properties whose members are entries keyed by a name people read (a V2 stage's
   * `RouteSettings` by route key): named `RouteSettings[GET /pets]`, as the plan names them
   * (the type's `keyedMaps` normalisation rules, src/plan/normalization-rules-v2.ts).
   */
  readonly keyedMaps?: KeyedMaps;
}

/** Where the keyed maps are, by location: a set, or an index of their rules by location. */
export interface KeyedMaps {
  has(location: string): boolean;
}

const NO_KEYED_MAPS: KeyedMaps = new Set();

/** `MethodSettings[0].LoggingLevel`, `RouteSettings[GET /pets].LoggingLevel`: how people name a place in a stage. */
export function describePath(path: ValuePath, keyedMaps: KeyedMaps = NO_KEYED_MAPS): string {
  return path.reduce<string>((text, part, index) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    if (index === 1 && keyedMaps.has(text)) return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');
}

/** `a list`, `the string "x"`, `number 5`: what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  // JSON has no spelling for these (JSON.stringify says null); YAML's is what the spec holds.
  if (typeof value === 'number' && !Number.isFinite(value))
    return `number ${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const TYPE_WORDS: Record<NonNullable<JsonSchema['type']>, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function matchesType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

const REMOVE_QUOTES = ' (remove the quotes: Cloud Control does not convert strings)';

/**
 * A hint for the usual YAML slips: quoted booleans/numbers, unquoted numeric strings, and YAML
 * 1.1 spellings that YAML 1.2 (js-yaml's core schema) reads as text: `yes`, `on`, `1_000`.
 */
function typeHint(value: unknown, type: NonNullable<JsonSchema['type']>): string {
  if (typeof value === 'string' && type === 'boolean') {
    if (/^(true|false)$/i.test(value)) return REMOVE_QUOTES;
    return /^(y|yes|n|no|on|off)$/i.test(value)
      ? ' (write true or false: YAML 1.2 reads yes, no, on and off as text)'
      : '';
  }
  if (typeof value === 'string' && (type === 'integer' || type === 'number')) {
    if (value.trim() !== '' && Number.isFinite(Number(value))) return REMOVE_QUOTES;
    return /^[-+]?\d[\d_]*(\.[\d_]*)?$/.test(value)
      ? ' (write it without _: YAML 1.2 reads 1_000 as text)'
      : '';
  }
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return ` (quote it: '${String(value)}')`;
  }
  return '';
}

function checkNode(
  value: unknown,
  declared: JsonSchema,
  root: JsonSchema,
  path: ValuePath,
  options: SchemaCheckOptions,
  problems: SchemaProblem[],
): void {
  const schema = resolveRef(root, declared);
  const name = describePath(path, options.keyedMaps) || 'the stage';
  const problem = (
    message: string,
    at: 'key' | 'value' = 'value',
    where: ValuePath = path,
  ): void => {
    problems.push({ path: where, at, message });
  };

  if (value === null || value === undefined) {
    problem(`${name} has no value; give it ${TYPE_WORDS[schema.type ?? 'string']} or remove it`);
    return;
  }
  if (schema.type && !matchesType(value, schema.type)) {
    problem(
      `${name} must be ${TYPE_WORDS[schema.type]}; got ${describeValue(value)}${typeHint(value, schema.type)}`,
    );
    return;
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) {
    const suggestion =
      typeof value === 'string' ? closestName(value, schema.enum.map(String)) : undefined;
    problem(
      `${name} is ${JSON.stringify(value)}; allowed: ${schema.enum.join(', ')}` +
        (suggestion ? ` (did you mean ${suggestion}?)` : ''),
    );
  }
  if (typeof value === 'string') checkString(value, schema, name, problem);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      problem(`${name} is ${value}; it must be at least ${schema.minimum}`);
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      problem(`${name} is ${value}; it must be at most ${schema.maximum}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      problem(`${name} has ${value.length} entries; at most ${schema.maxItems} are allowed`);
    }
    if (schema.items) {
      value.forEach((item, index) =>
        checkNode(item, schema.items as JsonSchema, root, [...path, index], options, problems),
      );
    }
  } else if (typeof value === 'object') {
    checkObject(value as Record<string, unknown>, schema, root, path, options, problems);
  }
}

function checkString(
  value: string,
  schema: JsonSchema,
  name: string,
  problem: (message: string) => void,
): void {
  // JSON Schema counts characters (code points), not UTF-16 units: 𠀀 is one character, not two.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    problem(
      schema.minLength === 1
        ? `${name} must not be empty`
        : `${name} must be at least ${schema.minLength} characters long`,
    );
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    problem(`${name} is ${length} characters long; at most ${schema.maxLength} are allowed`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    const allowed = schema.patternDescription ?? `text matching ${schema.pattern}`;
    problem(
      name.endsWith(JSON.stringify(value))
        ? `${name} is not allowed; it must be ${allowed}`
        : `${name} is ${JSON.stringify(value)}; it must be ${allowed}`,
    );
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: JsonSchema,
  root: JsonSchema,
  path: ValuePath,
  options: SchemaCheckOptions,
  problems: SchemaProblem[],
): void {
  const isRoot = path.length === 0;
  const name = describePath(path, options.keyedMaps) || 'the stage';
  const known = Object.keys(schema.properties ?? {});
  const keys = Object.keys(value);
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    problems.push({
      path,
      at: 'value',
      message: `${name} has ${keys.length} entries; at most ${schema.maxProperties} are allowed`,
    });
  }
  if (!(isRoot && options.partialRoot)) {
    for (const required of schema.required ?? []) {
      if (!(required in value)) {
        problems.push({
          path,
          at: 'key',
          message: `${name} is missing ${required}, which is required`,
        });
      }
    }
  }
  for (const key of keys) {
    // `__proto__` is reported once, as a reserved key, by the loader (load-specs.ts).
    if (key === '__proto__') continue;
    const childPath = [...path, key];
    if (schema.propertyNames) {
      const label = `${name} name ${JSON.stringify(key)}`;
      checkString(key, schema.propertyNames, label, (message) =>
        problems.push({ path: childPath, at: 'key', message }),
      );
    }
    // Own properties only: `schema.properties['__proto__']` would be Object.prototype.
    const declared =
      schema.properties && Object.hasOwn(schema.properties, key)
        ? schema.properties[key]
        : undefined;
    if (declared) {
      checkNode(value[key], declared, root, childPath, options, problems);
      continue;
    }
    const pattern = Object.entries(schema.patternProperties ?? {}).find(([regex]) =>
      new RegExp(regex, 'u').test(key),
    );
    if (pattern) {
      checkNode(value[key], pattern[1], root, childPath, options, problems);
    } else if (schema.additionalProperties === false) {
      const suggestion = closestName(key, known);
      const where = isRoot ? 'a stage' : name;
      problems.push({
        path: childPath,
        at: 'key',
        message:
          `${describePath(childPath, options.keyedMaps)} is not a property of ${where}` +
          (suggestion
            ? `; did you mean ${suggestion}?`
            : known.length
              ? `; known properties: ${known.join(', ')}`
              : ''),
      });
    }
  }
}

/** Every violation of `schema` in `value`, in document order. */
export function validateAgainstSchema(
  value: unknown,
  schema: JsonSchema,
  options: SchemaCheckOptions = {},
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  checkNode(value, schema, schema, [], options, problems);
  return problems;
}
