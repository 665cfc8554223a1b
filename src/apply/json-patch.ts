/**
 * RFC 6902 `add`, `remove` and `replace` (the operations a plan's patch holds,
 * src/plan/types.ts `JsonPatchOperation`) applied to a stage model, for updates the apply makes
 * itself rather than handing the patch to Cloud Control (update-stage-calls.ts). Strict where the
 * RFC is (https://www.rfc-editor.org/rfc/rfc6902#section-4): `remove` and `replace` need an
 * existing target, `add` an existing parent, array indexes must be in range; JSON Pointer tokens
 * unescape `~1` to `/` and `~0` to `~` (RFC 6901 section 4). The input is never modified.
 */
import type { JsonPatchOperation } from '../plan/types.ts';

/** A patch operation that does not fit the document. */
export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The reference tokens of a JSON Pointer (RFC 6901); the whole document has none. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, allowEnd: boolean, path: string): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`bad array index in ${path}`);
  const index = Number(token);
  if (index > length || (!allowEnd && index === length))
    throw new JsonPatchError(`array index out of range in ${path}`);
  return index;
}

function applyOne(document: Record<string, unknown>, operation: JsonPatchOperation): void {
  const { op, path } = operation;
  const tokens = pointerTokens(path);
  const last = tokens.pop();
  if (last === undefined) throw new JsonPatchError(`${op} of the whole document is not supported`);
  let parent: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(parent)) parent = parent[arrayIndex(token, parent.length, false, path)];
    else if (isContainer(parent) && Object.hasOwn(parent, token))
      parent = (parent as Record<string, unknown>)[token];
    else throw new JsonPatchError(`${op}: no such path ${path}`);
  }
  if (!isContainer(parent)) throw new JsonPatchError(`${op}: no such path ${path}`);
  const value = structuredClone(operation.value);
  if (Array.isArray(parent)) {
    const index = arrayIndex(last, parent.length, op === 'add', path);
    if (op === 'add') parent.splice(index, 0, value);
    else if (op === 'remove') parent.splice(index, 1);
    else parent[index] = value;
    return;
  }
  if (op !== 'add' && !Object.hasOwn(parent, last))
    throw new JsonPatchError(`${op}: no such path ${path}`);
  if (op === 'remove') delete parent[last];
  else parent[last] = value;
}

/** `document` with `patch` applied in order; throws JsonPatchError when an operation does not fit. */
export function applyJsonPatch(
  document: Readonly<Record<string, unknown>>,
  patch: readonly JsonPatchOperation[],
): Record<string, unknown> {
  const result = structuredClone(document) as Record<string, unknown>;
  for (const operation of patch) applyOne(result, operation);
  return result;
}
