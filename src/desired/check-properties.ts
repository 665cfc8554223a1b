/**
 * A stage's properties (or one default) checked against its type's schema: a property of the
 * other type is one problem that says which type expects it (other-type.ts); the rest go to the
 * schema validator. Partial by design: required properties are checked after defaults are merged.
 */
import { STAGE_TYPES, type StageType } from '../stage-types/index.ts';
import { RESERVED_KEY } from './check-settings.ts';
import type { FoundProblem } from './file-report.ts';
import { tagShapeOf } from '../model/tags.ts';
import { rulesOf } from '../plan/normalize.ts';
import { propertyOfOtherType, typeWithProperty, type Takers } from './other-type.ts';
import { describePath, validateAgainstSchema } from './validate-schema.ts';

/** How each tag shape is written, for the hint when a stage's tags have the other type's shape. */
const TAG_SHAPES: Readonly<Record<StageType['tagShape'], { what: string; example: string }>> = {
  list: { what: 'a list of Key and Value', example: '[{Key: team, Value: payments}]' },
  map: { what: 'a mapping of key to value', example: '{team: payments}' },
};

/** `Tags must be a list; got a mapping` says why, when the mapping is the other type's shape. */
function tagShapeHint(type: StageType, tags: unknown): string {
  const other = STAGE_TYPES.find((each) => each !== type && each.tagShape === tagShapeOf(tags));
  if (!other) return '';
  const own = TAG_SHAPES[type.tagShape];
  return ` (the tags of ${type.typeName} are ${own.what}, such as ${own.example}; ${TAG_SHAPES[other.tagShape].what} is how ${other.typeName} writes them)`;
}

export function propertyProblems(
  properties: Readonly<Record<string, unknown>>,
  takers: Takers,
): FoundProblem[] {
  const { type } = takers;
  const { schema } = type;
  const problems: FoundProblem[] = [];
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key === RESERVED_KEY) continue;
    const expects = Object.hasOwn(schema.properties ?? {}, key)
      ? undefined
      : typeWithProperty(key, type);
    if (expects) {
      problems.push({
        path: [key],
        at: 'key',
        property: key,
        message: propertyOfOtherType(key, expects, takers),
        namesTakers: true,
      });
    } else checked[key] = value;
  }
  // Indexed once per type by the planner's normaliser, which reads the same rules.
  const { keyedMaps } = rulesOf(type.typeName);
  for (const problem of validateAgainstSchema(checked, schema, { partialRoot: true, keyedMaps })) {
    const property = describePath(problem.path, keyedMaps);
    const hint =
      problem.path.length === 1 && problem.path[0] === 'Tags'
        ? tagShapeHint(type, properties.Tags)
        : '';
    problems.push({
      ...problem,
      message: `${problem.message}${hint}`,
      ...(property ? { property } : {}),
    });
  }
  return problems;
}
