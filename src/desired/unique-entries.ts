/**
 * Rules that span the entries of a list: one REST method setting per path and method, one tag per
 * key. Only lists can repeat a key; an HTTP or WebSocket API stage's route settings and tags are
 * mappings, whose repeated keys the YAML reader already reports (yaml-document.ts).
 */
import { decodeResourcePath, methodSettingKey } from '../model/resource-path.ts';
import type { FoundProblem } from './file-report.ts';
import { isJsonObject } from '../model/json.ts';

type Mapping = Record<string, unknown>;

interface UniqueRule {
  readonly keyOf: (entry: Mapping) => string | undefined;
  readonly what: (key: string) => string;
}

const UNIQUE_ENTRIES: Readonly<Record<string, UniqueRule>> = {
  MethodSettings: {
    keyOf: (entry) =>
      typeof entry.ResourcePath === 'string' && typeof entry.HttpMethod === 'string'
        ? methodSettingKey(entry.ResourcePath, entry.HttpMethod)
        : undefined,
    what: (key) => {
      const [resourcePath = '', httpMethod = ''] = key.split(' ');
      return `the method setting for ${httpMethod} ${decodeResourcePath(resourcePath)}`;
    },
  },
  Tags: {
    keyOf: (entry) => (typeof entry.Key === 'string' ? entry.Key : undefined),
    what: (key) => `the tag key ${JSON.stringify(key)}`,
  },
};

/** Each entry of the lists among `properties` that repeats an earlier entry's key. */
export function repeatedEntries(properties: Readonly<Mapping>): FoundProblem[] {
  const problems: FoundProblem[] = [];
  for (const [property, rule] of Object.entries(UNIQUE_ENTRIES)) {
    const entries = properties[property];
    if (!Array.isArray(entries)) continue;
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const key = isJsonObject(entry) ? rule.keyOf(entry) : undefined;
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      problems.push({
        path: [property, index],
        at: 'value',
        property: `${property}[${index}]`,
        message: `${property}[${index}] repeats ${rule.what(key)} already set by ${property}[${first}]; merge them into one entry`,
      });
    });
  }
  return problems;
}
