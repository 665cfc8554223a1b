/**
 * `defaults:` checked against the stages that take them. The rule: a default applies to every
 * stage of its file that does not set the key itself (Tags merge, so every stage takes the
 * defaults' tags; the API, by id or by name, is one slot, so a stage that names its own API takes
 * none of the defaults' API keys). So each default must suit the type of every stage that takes it,
 * and is checked against each of those types, at the default's own line: in a file that mixes REST
 * and HTTP stages, `defaults:` may hold only what both types have (`Description`, `Tags`,
 * `ignore-changes` paths both know). A default no stage takes is checked against the defaults' own
 * type (`type:` in `defaults:`, else AWS::ApiGateway::Stage), so a typo in an unused default is
 * still found.
 *
 * `Tags` is the exception to "the type's shape": the defaults' tags may be a list of `{Key, Value}`
 * or a mapping, and each stage receives them in its own shape (merge-defaults.ts), so they are
 * checked as the type of the shape they are written in.
 *
 * A problem every taker's type finds is reported once; one only some types find says for which
 * stages it is (`defaults, for stage Api (AWS::ApiGateway::Stage): StageName is "$default"; ...`).
 */
import { API_NAME_KEYS, IGNORE_CHANGES_KEY, TYPE_KEY } from '../schema/spec-settings.ts';
import { STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import {
  apiNameTypeProblem,
  apiNameValueProblem,
  ignoreChangesShapeProblems,
  ignoredPathProblems,
  RESERVED_KEY,
  typeProblem,
  unknownSettings,
} from './check-settings.ts';
import { propertyProblems } from './check-properties.ts';
import type { FoundProblem } from './file-report.ts';
import { tagShapeOf } from '../model/tags.ts';
import { listNames, type Takers } from './other-type.ts';
import { bothIdAndNameProblems, splitKeys, type Mapping } from './spec-keys.ts';
import { repeatedEntries } from './unique-entries.ts';
import { describeValue } from './validate-schema.ts';

/** A stage of the file, as far as the defaults are concerned. */
export interface DefaultsTaker {
  readonly name: string;
  /** Its type; stages whose `type:` names no type take no part. */
  readonly type: StageType;
  /** Whether it takes the default `key` (does not set it itself). */
  readonly takes: (key: string) => boolean;
}

const ALL_PROPERTY_NAMES = [
  ...new Set(STAGE_TYPES.flatMap((type) => Object.keys(type.schema.properties ?? {}))),
];

/** The takers of `key`, grouped by type; the defaults' own type when no stage takes it. */
function takersOf(
  key: string,
  stages: readonly DefaultsTaker[],
  ownType: StageType | undefined,
): Takers[] {
  const byType = new Map<StageType, string[]>();
  for (const stage of stages) {
    if (!stage.takes(key)) continue;
    byType.set(stage.type, [...(byType.get(stage.type) ?? []), stage.name]);
  }
  if (byType.size === 0) return ownType ? [{ type: ownType, stages: [] }] : [];
  return [...byType].map(([type, names]) => ({ type, stages: names }));
}

const forWhom = (groups: readonly Takers[]): string =>
  `for ${groups
    .map(({ type, stages = [] }) =>
      stages.length === 0
        ? `the defaults' type ${type.typeName}`
        : `${stages.length > 1 ? 'stages' : 'stage'} ${listNames(stages)} (${type.typeName})`,
    )
    .join(' and ')}`;

/** `check` for each group of takers; a problem not every group has says whose it is. */
function acrossTypes(
  groups: readonly Takers[],
  check: (takers: Takers) => FoundProblem[],
): FoundProblem[] {
  const found = new Map<string, { problem: FoundProblem; groups: Takers[] }>();
  for (const group of groups) {
    for (const problem of check(group)) {
      const key = JSON.stringify([problem.path, problem.at, problem.message]);
      const entry = found.get(key) ?? { problem, groups: [] };
      entry.groups.push(group);
      found.set(key, entry);
    }
  }
  return [...found.values()].map(({ problem, groups: whose }) =>
    whose.length === groups.length || problem.namesTakers
      ? problem
      : { ...problem, qualifier: forWhom(whose) },
  );
}

/** The type whose tags are written in the shape of `tags`, when it is a list or a mapping. */
const typeOfTagShape = (tags: unknown): StageType | undefined =>
  STAGE_TYPES.find((type) => type.tagShape === tagShapeOf(tags));

/**
 * Every problem of `defaults` (the whole mapping, settings and properties): `ownType` is its
 * `type:` (AWS::ApiGateway::Stage when it gives none; `undefined` when it names no type).
 */
export function defaultsProblems(
  defaults: Readonly<Mapping>,
  ownType: StageType | undefined,
  stages: readonly DefaultsTaker[],
): FoundProblem[] {
  const { settings, properties } = splitKeys(defaults);
  const problems: FoundProblem[] = [...unknownSettings(settings, ALL_PROPERTY_NAMES)];
  if (TYPE_KEY in settings) {
    const problem = typeProblem(settings[TYPE_KEY]);
    if (problem) problems.push(problem);
  }
  problems.push(...bothIdAndNameProblems(settings, properties, STAGE_TYPES));
  for (const key of API_NAME_KEYS) {
    if (!(key in settings)) continue;
    const problem = apiNameValueProblem(key, settings[key]);
    if (problem) problems.push(problem);
    problems.push(
      ...acrossTypes(takersOf(key, stages, ownType), (takers) => {
        const wrongType = apiNameTypeProblem(key, takers);
        return wrongType ? [wrongType] : [];
      }),
    );
  }
  if (IGNORE_CHANGES_KEY in settings) {
    const value = settings[IGNORE_CHANGES_KEY];
    problems.push(...ignoreChangesShapeProblems(value));
    problems.push(
      ...acrossTypes(takersOf(IGNORE_CHANGES_KEY, stages, ownType), (takers) =>
        ignoredPathProblems(value, takers),
      ),
    );
  }
  for (const [key, value] of Object.entries(properties)) {
    if (key === RESERVED_KEY) continue;
    const tagsType = key === 'Tags' ? typeOfTagShape(value) : undefined;
    if (key === 'Tags' && !tagsType) {
      problems.push({
        path: [key],
        at: 'value',
        property: key,
        message: `Tags must be a list of Key and Value or a mapping of key to value (in \`defaults:\` either; each stage takes them in its type's shape); got ${describeValue(value)}`,
      });
      continue;
    }
    const groups = tagsType ? [{ type: tagsType, stages: [] }] : takersOf(key, stages, ownType);
    problems.push(...acrossTypes(groups, (takers) => propertyProblems({ [key]: value }, takers)));
  }
  problems.push(...repeatedEntries(properties));
  return problems;
}
