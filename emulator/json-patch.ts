/**
 * RFC 6902 JSON Patch as Cloud Control applies it to the read model during `UpdateResource`
 * (CC user guide, "Updating a resource": read, patch, validate, then call the update handler;
 * an invalid operation or a failed `test` fails the whole request with no change).
 *
 * Strict where the RFC is strict: `replace`/`remove`/`test` need an existing target, `add` needs an
 * existing parent, array indexes must be in range. That strictness is what produces AWS's open bug
 * where `replace /Tags` fails on a stage whose empty Tags list the read model omits
 * (aws-cloudformation/cloudformation-coverage-roadmap#2236).
 *
 * Error texts follow the Java library Cloud Control's messages come from
 * (flipkart-incubator/zjsonpatch `InPlaceApplyProcessor`: `[<OP> Operation] noSuchPath in source,
 * path provided : <path>`); AWS prints the pointer with an extra leading slash (`//Tags` for
 * `/Tags`), reproduced here.
 */

/** One patch operation as it arrives on the wire, before validation. */
export interface JsonPatchInput {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
  readonly from?: string;
}

/** A patch that cannot be applied. The message is what Cloud Control puts in its ValidationException. */
export class JsonPatchError extends Error {
  /** Index of the failing operation in the patch. */
  readonly operationIndex: number;
  constructor(message: string, operationIndex: number) {
    super(message);
    this.name = 'JsonPatchError';
    this.operationIndex = operationIndex;
  }
}

type Json = unknown;
type Container = Record<string, Json> | Json[];

const OPERATION_NEEDS: Readonly<
  Record<string, { readonly value: boolean; readonly from: boolean }>
> = {
  add: { value: true, from: false },
  remove: { value: false, from: false },
  replace: { value: true, from: false },
  move: { value: false, from: true },
  copy: { value: false, from: true },
  test: { value: true, from: false },
};

/** The pointer as AWS prints it in patch errors: one extra leading slash (`/Tags` -> `//Tags`). */
function shownPath(pointer: string): string {
  return `/${pointer}`;
}

const MESSAGES = {
  noSuchPath: (op: string, pointer: string) =>
    `[${op.toUpperCase()} Operation] noSuchPath in source, path provided : ${shownPath(pointer)}`,
  notContainer: (op: string, pointer: string) =>
    `[${op.toUpperCase()} Operation] parent is not a container in source, path provided : ${shownPath(pointer)}`,
  indexOutOfBounds: (op: string, pointer: string) =>
    `[${op.toUpperCase()} Operation] index Out of bound, index provided is higher than allowed, path provided : ${shownPath(pointer)}`,
  testMismatch: (pointer: string, expected: Json, found: Json) =>
    `[TEST Operation] value differs from expectations : ${shownPath(pointer)} | value : ${JSON.stringify(expected)} | node : ${JSON.stringify(found)}`,
  moveIntoItself: (from: string, pointer: string) =>
    `[MOVE Operation] cannot move a value into one of its own children, from : ${shownPath(from)}, path provided : ${shownPath(pointer)}`,
  removeRoot: () => '[REMOVE Operation] path is empty , path : ',
  rootNotObject: (op: string) =>
    `[${op.toUpperCase()} Operation] the document root must stay a JSON object`,
  invalidMember: (member: string) =>
    `Invalid JSON Patch payload (missing or invalid '${member}' field)`,
  invalidOp: (op: string) => `Invalid JSON Patch payload (unknown 'op' value [${op}])`,
  invalidPointer: (pointer: string) => `Invalid JSON Pointer [${pointer}]`,
};

/**
 * Splits a JSON Pointer (RFC 6901) into unescaped tokens. Cloud Control also accepts a path
 * without its leading slash (`"path": "RetentionInDays"` appears in the CC user guide's update
 * example), so a missing slash is tolerated; anything else malformed is refused.
 */
function parsePointer(pointer: string, index: number): string[] {
  if (pointer === '') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  if (/~[^01]|~$/.test(body)) throw new JsonPatchError(MESSAGES.invalidPointer(pointer), index);
  return body.split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: Json): value is Container {
  return typeof value === 'object' && value !== null;
}

function hasOwn(object: Record<string, Json>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** An RFC 6901 array index: `0` or a number without leading zeros. */
function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** Deep equality of JSON values; object member order does not matter, array order does. */
function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isContainer(a) || !isContainer(b)) return false;
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, Json>;
  if (aKeys.length !== Object.keys(bObject).length) return false;
  return aKeys.every(
    (key) => hasOwn(bObject, key) && jsonEqual((a as Record<string, Json>)[key], bObject[key]),
  );
}

/** The value a pointer names, or `undefined` when it names nothing. */
function resolve(document: Json, tokens: readonly string[]): { found: boolean; value?: Json } {
  let node: Json = document;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      const i = arrayIndex(token);
      if (i === undefined || i >= node.length) return { found: false };
      node = node[i];
    } else if (isContainer(node) && hasOwn(node as Record<string, Json>, token)) {
      node = (node as Record<string, Json>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: node };
}

/** The parent container of the pointer's target, or an error message. */
function parentOf(
  document: Json,
  tokens: readonly string[],
  op: string,
  pointer: string,
): { parent: Container; key: string } | string {
  const parent = resolve(document, tokens.slice(0, -1));
  if (!parent.found) return MESSAGES.noSuchPath(op, pointer);
  if (!isContainer(parent.value)) return MESSAGES.notContainer(op, pointer);
  return { parent: parent.value, key: tokens[tokens.length - 1] as string };
}

interface Step {
  readonly op: string;
  readonly pointer: string;
  readonly tokens: string[];
  readonly index: number;
}

function addValue(document: Json, step: Step, value: Json): Json {
  if (step.tokens.length === 0) return value;
  const target = parentOf(document, step.tokens, step.op, step.pointer);
  if (typeof target === 'string') throw new JsonPatchError(target, step.index);
  const { parent, key } = target;
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : arrayIndex(key);
    if (i === undefined)
      throw new JsonPatchError(MESSAGES.noSuchPath(step.op, step.pointer), step.index);
    if (i > parent.length)
      throw new JsonPatchError(MESSAGES.indexOutOfBounds(step.op, step.pointer), step.index);
    parent.splice(i, 0, value);
  } else {
    parent[key] = value;
  }
  return document;
}

function removeValue(document: Json, step: Step): { document: Json; removed: Json } {
  if (step.tokens.length === 0) throw new JsonPatchError(MESSAGES.removeRoot(), step.index);
  const target = parentOf(document, step.tokens, step.op, step.pointer);
  if (typeof target === 'string') throw new JsonPatchError(target, step.index);
  const { parent, key } = target;
  if (Array.isArray(parent)) {
    const i = arrayIndex(key);
    if (i === undefined || i >= parent.length) {
      throw new JsonPatchError(MESSAGES.noSuchPath(step.op, step.pointer), step.index);
    }
    const [removed] = parent.splice(i, 1);
    return { document, removed };
  }
  if (!hasOwn(parent, key))
    throw new JsonPatchError(MESSAGES.noSuchPath(step.op, step.pointer), step.index);
  const removed = parent[key];
  delete parent[key];
  return { document, removed };
}

function replaceValue(document: Json, step: Step, value: Json): Json {
  if (step.tokens.length === 0) return value;
  if (!resolve(document, step.tokens).found) {
    throw new JsonPatchError(MESSAGES.noSuchPath(step.op, step.pointer), step.index);
  }
  const { parent, key } = parentOf(document, step.tokens, step.op, step.pointer) as {
    parent: Container;
    key: string;
  };
  if (Array.isArray(parent)) parent[arrayIndex(key) as number] = value;
  else parent[key] = value;
  return document;
}

function valueAt(
  document: Json,
  step: Step,
  fromPointer: string,
  fromTokens: readonly string[],
): Json {
  const source = resolve(document, fromTokens);
  if (!source.found)
    throw new JsonPatchError(MESSAGES.noSuchPath(step.op, fromPointer), step.index);
  return source.value;
}

function validated(
  operation: unknown,
  index: number,
): Step & { value?: Json; from?: string; fromTokens?: string[] } {
  if (!isContainer(operation) || Array.isArray(operation)) {
    throw new JsonPatchError(MESSAGES.invalidMember('op'), index);
  }
  const { op, path, from } = operation as Record<string, Json>;
  if (typeof op !== 'string') throw new JsonPatchError(MESSAGES.invalidMember('op'), index);
  const needs = OPERATION_NEEDS[op];
  if (!needs) throw new JsonPatchError(MESSAGES.invalidOp(op), index);
  if (typeof path !== 'string') throw new JsonPatchError(MESSAGES.invalidMember('path'), index);
  const value = (operation as Record<string, Json>).value;
  if (needs.value && value === undefined)
    throw new JsonPatchError(MESSAGES.invalidMember('value'), index);
  if (needs.from && typeof from !== 'string')
    throw new JsonPatchError(MESSAGES.invalidMember('from'), index);
  const step = { op, pointer: path, tokens: parsePointer(path, index), index };
  if (!needs.from) return { ...step, value };
  return { ...step, from: from as string, fromTokens: parsePointer(from as string, index) };
}

function isProperPrefix(prefix: readonly string[], tokens: readonly string[]): boolean {
  return prefix.length < tokens.length && prefix.every((token, i) => tokens[i] === token);
}

/**
 * Applies `operations` in order to a deep copy of `document` and returns the result; `document`
 * itself is never modified. Throws {@link JsonPatchError} on the first operation that cannot be
 * applied, so a patch takes effect entirely or not at all.
 */
export function applyJsonPatch(
  document: Record<string, unknown>,
  operations: readonly { op: string; path: string; value?: unknown; from?: string }[],
): Record<string, unknown> {
  let result: Json = structuredClone(document);
  operations.forEach((operation, index) => {
    const step = validated(operation, index);
    switch (step.op) {
      case 'add':
        result = addValue(result, step, structuredClone(step.value));
        break;
      case 'remove':
        result = removeValue(result, step).document;
        break;
      case 'replace':
        result = replaceValue(result, step, structuredClone(step.value));
        break;
      case 'test': {
        const target = resolve(result, step.tokens);
        if (!target.found)
          throw new JsonPatchError(MESSAGES.noSuchPath('test', step.pointer), index);
        if (!jsonEqual(target.value, step.value)) {
          throw new JsonPatchError(
            MESSAGES.testMismatch(step.pointer, step.value, target.value),
            index,
          );
        }
        break;
      }
      case 'copy': {
        const value = valueAt(result, step, step.from as string, step.fromTokens as string[]);
        result = addValue(result, step, structuredClone(value));
        break;
      }
      case 'move': {
        const fromTokens = step.fromTokens as string[];
        if (isProperPrefix(fromTokens, step.tokens)) {
          throw new JsonPatchError(
            MESSAGES.moveIntoItself(step.from as string, step.pointer),
            index,
          );
        }
        valueAt(result, step, step.from as string, fromTokens);
        const fromStep = { ...step, pointer: step.from as string, tokens: fromTokens };
        const { document: without, removed } = removeValue(result, fromStep);
        result = addValue(without, step, removed);
        break;
      }
    }
    if (!isContainer(result) || Array.isArray(result)) {
      throw new JsonPatchError(MESSAGES.rootNotObject(step.op), index);
    }
  });
  return result as Record<string, unknown>;
}
