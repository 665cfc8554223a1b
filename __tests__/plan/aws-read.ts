/**
 * What AWS returns for a stored stage, for the planner's property tests: the emulator's read model
 * (`stageReadModel`) plus the recorded behaviours it does not model yet, each with its fact
 * number in docs/reference/aws-recorded-behaviour.md. The emulator is being taught these facts on
 * its own; until then this keeps the round trip honest about real accounts.
 */
import { stageReadModel } from '../../emulator/stage/read-model.ts';
import { decodeResourcePath } from '../../src/model/resource-path.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** The account throttle an unthrottled method reports (fact 30). */
export interface AccountQuota {
  readonly name: string;
  readonly ThrottlingBurstLimit: number;
  readonly ThrottlingRateLimit: number;
}

export const QUOTAS: readonly AccountQuota[] = [
  { name: 'default (us-east-1)', ThrottlingBurstLimit: 5000, ThrottlingRateLimit: 10000 },
  { name: 'regional (eu-south-1)', ThrottlingBurstLimit: 1250, ThrottlingRateLimit: 2500 },
  { name: 'raised', ThrottlingBurstLimit: 20000, ThrottlingRateLimit: 40000 },
];

const SETTINGS = [
  'CacheDataEncrypted',
  'CacheTtlInSeconds',
  'CachingEnabled',
  'DataTraceEnabled',
  'MetricsEnabled',
  'ThrottlingBurstLimit',
  'ThrottlingRateLimit',
] as const;

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const keyOf = (entry: JsonObject): string =>
  `${String(entry.HttpMethod)} ${decodeResourcePath(String(entry.ResourcePath))}`;

/** The settings each stored method setting set itself, by key (later entries override). */
function setByKey(stored: JsonObject): Map<string, JsonObject> {
  const byKey = new Map<string, JsonObject>();
  const entries = Array.isArray(stored.MethodSettings) ? stored.MethodSettings : [];
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.ResourcePath !== 'string') continue;
    const own = Object.fromEntries(
      SETTINGS.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]]),
    );
    byKey.set(keyOf(entry), { ...byKey.get(keyOf(entry)), ...own });
  }
  return byKey;
}

/**
 * The read model of `stored` in an account with `quota`: a setting a method did not set reads as
 * the `*\/*` value when `*\/*` set it (fact 21), else the account throttle (fact 30) or the
 * emulator's constant; a canary gets `PercentTraffic: 0` and `UseStageCache: false` (fact 25); a
 * cache without a size reads `0.5` (fact 31).
 */
export function awsReadModel(stored: JsonObject, quota: AccountQuota): JsonObject {
  const model = stageReadModel(stored);
  const own = setByKey(stored);
  const stageWide = own.get('* /*') ?? {};
  if (Array.isArray(model.MethodSettings)) {
    model.MethodSettings = model.MethodSettings.filter(isObject).map((entry) => {
      const key = keyOf(entry);
      const set = own.get(key) ?? {};
      const filled: JsonObject = { ...entry };
      for (const setting of SETTINGS) {
        if (set[setting] !== undefined) continue;
        if (key !== '* /*' && stageWide[setting] !== undefined)
          filled[setting] = stageWide[setting];
        else if (setting === 'ThrottlingBurstLimit' || setting === 'ThrottlingRateLimit')
          filled[setting] = quota[setting];
      }
      return filled;
    });
  }
  if (isObject(model.CanarySetting)) {
    model.CanarySetting = { PercentTraffic: 0, UseStageCache: false, ...model.CanarySetting };
  }
  if (model.CacheClusterEnabled === true && model.CacheClusterSize === undefined) {
    model.CacheClusterSize = '0.5';
  }
  return model;
}
