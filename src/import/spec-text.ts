/**
 * An imported spec as YAML text, in the order people read a stage: identity first (RestApiId,
 * StageName, DeploymentId), then the rest alphabetically; a method setting's address before its
 * settings; a blank line between stages. js-yaml quotes whatever would not read back as the same
 * string (`'*'`, `'0.5'`), so the text loads back to exactly these values.
 */
import { dump } from 'js-yaml';
import type { StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../plan/normalize.ts';

const FIRST_KEYS = ['RestApiId', 'StageName', 'DeploymentId', 'Key', 'HttpMethod', 'ResourcePath'];

function rank(key: string): number {
  const index = FIRST_KEYS.indexOf(key);
  return index === -1 ? FIRST_KEYS.length : index;
}

/** A deep copy with every mapping's keys in reading order. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, ordered(value[key])]));
}

function indented(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

const yaml = (value: unknown): string => dump(ordered(value), { lineWidth: -1, noRefs: true });

export interface SpecText {
  /** Comment lines (without `# `) at the top of the file. */
  readonly header: readonly string[];
  readonly ignoreChanges: readonly string[];
  readonly defaults: StageProperties;
  readonly stages: readonly { readonly name: string; readonly properties: StageProperties }[];
}

export function renderSpecText(spec: SpecText): string {
  const parts: string[] = [spec.header.map((line) => `# ${line}`).join('\n')];
  // `ignore-changes:` is a stage-sync setting, valid in a stage or in `defaults:` (never at the
  // top level): it goes first in `defaults:`, so it covers every imported stage.
  const ignore =
    spec.ignoreChanges.length > 0
      ? [dump({ 'ignore-changes': spec.ignoreChanges }, { flowLevel: 1, lineWidth: -1 }).trimEnd()]
      : [];
  const defaults = Object.keys(spec.defaults).length > 0 ? [yaml(spec.defaults)] : [];
  if (ignore.length + defaults.length > 0)
    parts.push(
      `defaults:\n${[...ignore, ...defaults].map((text) => indented(text, '  ')).join('\n')}`,
    );
  const stages = spec.stages.map(
    ({ name, properties }) => `${indented(yaml({ [name]: properties }), '  ')}`,
  );
  parts.push(`stages:\n${stages.join('\n\n')}`);
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
