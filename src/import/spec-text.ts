/**
 * An imported spec as YAML text, in the order people read a stage: identity first (the stage
 * type's identifier, `RestApiId` or `ApiId`, then `StageName`, then `DeploymentId`), then the rest
 * alphabetically; a method setting's address before its settings; the entries of a keyed map
 * (a V2 stage's `RouteSettings` by route key, its `Tags`) alphabetically; a blank line between
 * stages. A type other than the loader's default is declared once, as `type:` in `defaults:`.
 * js-yaml quotes whatever would not read back as the same string (`'*'`, `'0.5'`), so the text
 * loads back to exactly these values.
 */
import { dump } from 'js-yaml';
import type { StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../model/json.ts';
import { childAt, elementAt, rulesOf, type Rules } from '../plan/normalize.ts';
import { revealInvisible } from '../render/escape.ts';
import { IGNORE_CHANGES_KEY, TYPE_KEY } from '../schema/spec-settings.ts';
import { DEFAULT_STAGE_TYPE, type StageType } from '../stage-types/index.ts';

/** The keys that go first, in this order, wherever they appear outside a keyed map. */
function firstKeys(type: StageType): readonly string[] {
  const keyFields = [...rulesOf(type.typeName).keyedSets.values()].flatMap(
    (rule) => rule.keyFields,
  );
  return [...type.primaryIdentifier, 'DeploymentId', ...keyFields];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A deep copy with every mapping's keys in reading order; `at` is its schema location. */
function ordered(value: unknown, at: string, rules: Rules, first: readonly string[]): unknown {
  if (Array.isArray(value))
    return value.map((element) => ordered(element, elementAt(at), rules, first));
  if (!isJsonObject(value)) return value;
  const rank = (key: string): number => {
    const index = rules.keyedMaps.has(at) ? -1 : first.indexOf(key);
    return index === -1 ? first.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || byText(a, b));
  return Object.fromEntries(
    keys.map((key) => [key, ordered(value[key], childAt(rules, at, key), rules, first)]),
  );
}

function indented(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

const yaml = (value: unknown): string => dump(value, { lineWidth: -1, noRefs: true });

export interface SpecText {
  /** The stages' type: their key order, and `type:` in `defaults:` unless it is the default. */
  readonly type: StageType;
  /** Comment lines (without `# `) at the top of the file. */
  readonly header: readonly string[];
  readonly ignoreChanges: readonly string[];
  readonly defaults: StageProperties;
  readonly stages: readonly { readonly name: string; readonly properties: StageProperties }[];
}

export function renderSpecText(spec: SpecText): string {
  const rules = rulesOf(spec.type.typeName);
  const first = firstKeys(spec.type);
  const inOrder = (properties: StageProperties): unknown => ordered(properties, '', rules, first);
  // Names in the header come from AWS: a line break in one must not end the comment.
  const parts: string[] = [spec.header.map((line) => `# ${revealInvisible(line)}`).join('\n')];
  // `type:` and `ignore-changes:` are stage-sync settings, valid in a stage or in `defaults:`
  // (never at the top level): they go first in `defaults:`, so they cover every imported stage.
  const type =
    spec.type.typeName === DEFAULT_STAGE_TYPE.typeName
      ? []
      : [dump({ [TYPE_KEY]: spec.type.typeName }, { lineWidth: -1 }).trimEnd()];
  const ignore =
    spec.ignoreChanges.length > 0
      ? [
          dump(
            { [IGNORE_CHANGES_KEY]: spec.ignoreChanges },
            { flowLevel: 1, lineWidth: -1 },
          ).trimEnd(),
        ]
      : [];
  const defaults = Object.keys(spec.defaults).length > 0 ? [yaml(inOrder(spec.defaults))] : [];
  const settings = [...type, ...ignore, ...defaults];
  if (settings.length > 0)
    parts.push(`defaults:\n${settings.map((text) => indented(text, '  ')).join('\n')}`);
  const stages = spec.stages.map(
    ({ name, properties }) => `${indented(yaml({ [name]: inOrder(properties) }), '  ')}`,
  );
  parts.push(`stages:\n${stages.join('\n\n')}`);
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
