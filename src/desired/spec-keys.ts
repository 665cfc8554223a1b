/**
 * The spec rule (src/schema/spec-settings.ts): in a stage or in `defaults:`, lowercase keys are
 * stage-sync's settings and the others CloudFormation's properties. And the API slot: a stage
 * names its API once, by id (`RestApiId`, `ApiId`) or by name (`rest-api:`, `api:`).
 */
import { isSettingKey } from '../schema/spec-settings.ts';
import { STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import type { FoundProblem } from './file-report.ts';

export type Mapping = Record<string, unknown>;

/** A mapping split by the spec rule: lowercase keys are stage-sync's settings, the rest properties. */
export function splitKeys(value: Readonly<Mapping>): { settings: Mapping; properties: Mapping } {
  const settings: Mapping = {};
  const properties: Mapping = {};
  for (const [key, child] of Object.entries(value))
    (isSettingKey(key) ? settings : properties)[key] = child;
  return { settings, properties };
}

/**
 * Every key that fills the API slot, of every type: each type's id property (`RestApiId`,
 * `ApiId`), a property, and its name key (`rest-api`, `api`), a setting.
 */
export const API_KEYS: ReadonlySet<string> = new Set(
  STAGE_TYPES.flatMap((type) => [type.apiIdProperty, type.apiNameKey]),
);

/** Whether a stage (or the defaults) names an API itself, by id or by name, of any type. */
export function namesApi(settings: Readonly<Mapping>, properties: Readonly<Mapping>): boolean {
  return [...API_KEYS].some((key) => key in (isSettingKey(key) ? settings : properties));
}

/** `defaults` without its API keys (every type's), for a stage that names its own API. */
export function withoutApi(mapping: Readonly<Mapping>): Mapping {
  const kept: Mapping = { ...mapping };
  for (const key of API_KEYS) delete kept[key];
  return kept;
}

/** An API given both by id and by name (`RestApiId` and `rest-api:`), for each of `types`. */
export function bothIdAndNameProblems(
  settings: Readonly<Mapping>,
  properties: Readonly<Mapping>,
  types: readonly StageType[],
): FoundProblem[] {
  return types
    .filter((type) => type.apiNameKey in settings && type.apiIdProperty in properties)
    .map((type) => ({
      path: [type.apiNameKey],
      at: 'key',
      property: type.apiNameKey,
      message: `gives both ${type.apiIdProperty} and \`${type.apiNameKey}\`; name the ${type.apiLabel} one way, by id or by name`,
    }));
}
