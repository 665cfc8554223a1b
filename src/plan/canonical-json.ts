/**
 * One spelling for every JSON value: object keys sorted, no whitespace, numbers as JSON prints
 * them. Two values are equal for the plan exactly when their canonical JSON is equal, which makes
 * `50` and `50.0` (and `0` and `-0`) equal and key order irrelevant, and gives the plan hash a
 * byte-stable input.
 */

type Json = unknown;

function sortedCopy(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, Json>;
    return Object.fromEntries(
      Object.keys(source)
        .filter((key) => source[key] !== undefined)
        .sort()
        .map((key) => [key, sortedCopy(source[key])]),
    );
  }
  return value;
}

/** Canonical JSON text of `value` (`undefined` members are left out, as JSON.stringify does). */
export function canonicalJson(value: Json): string {
  return JSON.stringify(sortedCopy(value)) ?? 'undefined';
}

/** Structural equality of two JSON values under canonical JSON. */
export function jsonEqual(a: Json, b: Json): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
