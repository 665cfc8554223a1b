/**
 * Checks of stage-sync's own settings (the lowercase keys of a stage or of `defaults:`,
 * src/schema/spec-settings.ts). Each returns the problems it finds without their owner, so the
 * loader can say whose they are (`stage S`, `defaults`) and, for a default, which stages take it.
 */
import { IGNORE_CHANGES_KEY, SPEC_SETTINGS, TYPE_KEY } from '../schema/spec-settings.ts';
import { STAGE_TYPES, stageTypeNamed, type StageType } from '../stage-types/index.ts';
import { closestName } from './closest-name.ts';
import type { FoundProblem } from './file-report.ts';
import {
  apiNameOfOtherType,
  article,
  ignoredPathOfOtherType,
  typeWithApiNameKey,
  type Takers,
} from './other-type.ts';

export const SETTING_NAMES = Object.keys(SPEC_SETTINGS);

/** Rejected wherever it appears; the loader reports it once, as a reserved key. */
export const RESERVED_KEY = '__proto__';

const TYPE_NAMES = STAGE_TYPES.map((type) => type.typeName);

const quoted = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object' && value !== null
        ? 'a mapping'
        : String(value);

/** The type a `type:` value names; `undefined` when it names none (see typeProblem). */
export function typeFromSetting(value: unknown): StageType | undefined {
  return typeof value === 'string' ? stageTypeNamed(value) : undefined;
}

/** Why a `type:` value names no managed type, with the nearest one when it looks like a typo. */
export function typeProblem(value: unknown): FoundProblem | undefined {
  if (typeFromSetting(value)) return undefined;
  const suggestion = typeof value === 'string' ? closestName(value, TYPE_NAMES) : undefined;
  const allowed = STAGE_TYPES.map(
    (type) => `${type.typeName} (${article(type.label)} ${type.label})`,
  ).join(' or ');
  return {
    path: [TYPE_KEY],
    at: 'value',
    property: TYPE_KEY,
    message:
      `\`${TYPE_KEY}\` is ${quoted(value)}; it must be ${allowed}, spelled exactly so` +
      (suggestion ? ` (did you mean ${suggestion}?)` : ''),
  };
}

/** Lowercase keys that are no setting, each with the nearest setting or property name. */
export function unknownSettings(
  settings: Readonly<Record<string, unknown>>,
  propertyNames: readonly string[],
): FoundProblem[] {
  const problems: FoundProblem[] = [];
  for (const key of Object.keys(settings)) {
    if (key === RESERVED_KEY || SETTING_NAMES.includes(key)) continue;
    const setting = closestName(key, SETTING_NAMES);
    const property = closestName(key, propertyNames);
    const hint = setting
      ? `did you mean \`${setting}\`?`
      : property
        ? `did you mean the property ${property}? Properties are spelled as CloudFormation spells them`
        : `stage-sync's own settings are ${SETTING_NAMES.map((name) => `\`${name}\``).join(', ')}; properties are spelled as CloudFormation spells them`;
    problems.push({
      path: [key],
      at: 'key',
      property: key,
      message: `\`${key}\` is not a stage-sync setting (lowercase keys are stage-sync's own); ${hint}`,
    });
  }
  return problems;
}

/** An API name (`rest-api:`, `api:`) that is no non-empty string. */
export function apiNameValueProblem(key: string, value: unknown): FoundProblem | undefined {
  const type = typeWithApiNameKey(key);
  if (!type || (typeof value === 'string' && value !== '')) return undefined;
  return {
    path: [key],
    at: 'value',
    property: key,
    message: `\`${key}\` must be the ${type.apiLabel}'s name, a non-empty string`,
  };
}

/** An API name key of the other type (`rest-api:` on an HTTP stage, `api:` on a REST stage). */
export function apiNameTypeProblem(key: string, takers: Takers): FoundProblem | undefined {
  const expects = typeWithApiNameKey(key);
  if (!expects || expects === takers.type) return undefined;
  return {
    path: [key],
    at: 'key',
    property: key,
    message: apiNameOfOtherType(key, expects, takers),
    namesTakers: true,
  };
}

/** The shape of an `ignore-changes:` list: a list of distinct strings. */
export function ignoreChangesShapeProblems(value: unknown): FoundProblem[] {
  const at = [IGNORE_CHANGES_KEY];
  if (!Array.isArray(value)) {
    return [
      {
        path: at,
        at: 'value',
        property: IGNORE_CHANGES_KEY,
        message: `\`${IGNORE_CHANGES_KEY}\` must be a list of property paths, such as [DeploymentId, CanarySetting.DeploymentId]`,
      },
    ];
  }
  const problems: FoundProblem[] = [];
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const where = { path: [...at, index], at: 'value' as const, property: IGNORE_CHANGES_KEY };
    if (typeof entry !== 'string') {
      problems.push({
        ...where,
        message: `${IGNORE_CHANGES_KEY}[${index}] must be a property path (a string)`,
      });
      return;
    }
    if (seen.has(entry))
      problems.push({ ...where, message: `${IGNORE_CHANGES_KEY} lists ${entry} twice` });
    seen.add(entry);
  });
  return problems;
}

/** Each path of an `ignore-changes:` list checked against the takers' type. */
export function ignoredPathProblems(value: unknown, takers: Takers): FoundProblem[] {
  if (!Array.isArray(value)) return [];
  const { type } = takers;
  const paths = type.ignorablePaths;
  const identifier = type.primaryIdentifier.join('|');
  const problems: FoundProblem[] = [];
  value.forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    const where = {
      path: [IGNORE_CHANGES_KEY, index],
      at: 'value' as const,
      property: IGNORE_CHANGES_KEY,
    };
    if (type.primaryIdentifier.includes(entry)) {
      problems.push({
        ...where,
        message: `${IGNORE_CHANGES_KEY} cannot name ${entry}: it is part of the stage's identifier (${identifier}), so it names the stage rather than a property of it`,
      });
      return;
    }
    if (paths.includes(entry)) return;
    const expects = STAGE_TYPES.find(
      (other) => other !== type && other.ignorablePaths.includes(entry),
    );
    if (expects) {
      problems.push({
        ...where,
        message: ignoredPathOfOtherType(IGNORE_CHANGES_KEY, entry, expects, takers),
        namesTakers: true,
      });
      return;
    }
    const suggestion = closestName(entry, paths);
    problems.push({
      ...where,
      message: `${IGNORE_CHANGES_KEY} names ${entry}, which is not a property of a stage${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    });
  });
  return problems;
}
