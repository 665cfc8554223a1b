/**
 * The plan as plain text for the Actions log and the terminal, in Terraform's shape: one header
 * line per stage (`+ create`, `~ update`, `- delete`: the words of every other renderer, from
 * styles.ts), one line per property, a summary line.
 * Colour is ANSI SGR and only when asked for. Every data string has its control characters
 * escaped, so a value can neither move the cursor nor start a line with `::` (which the runner
 * would read as a workflow command): every line starts with text stage-sync chose.
 */
import { MANAGED_BY_TAG_KEY } from '../model/stage.ts';
import type { Plan, PruneReport, StageChange } from '../plan/types.ts';
import {
  type PropertyLine,
  plural,
  previousSpecsUnreadNote,
  previousSpecsUnread,
  propertyLines,
  sortChanges,
} from './change-view.ts';
import { revealInvisible } from './escape.ts';
import { compactJson, layoutJson } from './json-layout.ts';
import { identifierNoteOf, leftToOtherToolsOf, changeNotesOf } from './release-view.ts';
import { ACTION_STYLES } from './styles.ts';

export interface TextOptions {
  /** Emit ANSI colours (a TTY, or the Actions log which renders them). */
  readonly color: boolean;
}

/** A changed value fits on one `old -> new` line up to this width. */
const ONE_LINE_CHANGE_WIDTH = 100;
const PROPERTY_INDENT = '      ';
const LABEL_WIDTH = Math.max(
  ...Object.values(ACTION_STYLES).map((style) => style.textLabel.length),
);

const SIGN_COLORS: Readonly<Record<string, string>> = { '+': '32', '-': '31', '~': '33' };

type Paint = (text: string, sgr: string) => string;

function painter(color: boolean): Paint {
  return color ? (text, sgr) => `\u001b[${sgr}m${text}\u001b[0m` : (text) => text;
}

function signed(sign: string, first: string, rest: readonly string[], paint: Paint): string[] {
  const sgr = SIGN_COLORS[sign] ?? '0';
  return [`${sign} ${first}`, ...rest.map((line) => `${sign} ${line}`)].map((line) =>
    paint(`${PROPERTY_INDENT}${line}`, sgr),
  );
}

function propertyText(line: PropertyLine, paint: Paint): string[] {
  const path = revealInvisible(line.path);
  const mark = line.note === undefined ? '' : `  # ${revealInvisible(line.note)}`;
  if (line.kind === 'added' || line.kind === 'removed') {
    const sign = line.kind === 'added' ? '+' : '-';
    const head = `${path}: `;
    const value = line.kind === 'added' ? line.after : line.before;
    const [first = '', ...rest] = layoutJson(value, PROPERTY_INDENT.length + 2 + head.length);
    return signed(sign, `${head}${first}${mark}`, rest, paint);
  }
  const oneLine = `${path}: ${compactJson(line.before)} -> ${compactJson(line.after)}${mark}`;
  if (PROPERTY_INDENT.length + 2 + oneLine.length <= ONE_LINE_CHANGE_WIDTH) {
    return signed('~', oneLine, [], paint);
  }
  const side = (sign: string, value: unknown): string[] => {
    const [first = '', ...rest] = layoutJson(value, PROPERTY_INDENT.length + 6);
    return signed(
      sign,
      `  ${first}`,
      rest.map((l) => `  ${l}`),
      paint,
    );
  };
  return [
    ...signed('~', `${path}:${mark}`, [], paint),
    ...side('-', line.before),
    ...side('+', line.after),
  ];
}

function stageHeader(change: StageChange, paint: Paint): string {
  const style = ACTION_STYLES[change.action];
  const where = change.source
    ? `  ${revealInvisible(change.source.file)}:${change.source.line}`
    : change.action === 'delete'
      ? '  (no spec declares it)'
      : '';
  const label = `${style.sign} ${style.label.padEnd(LABEL_WIDTH)}`;
  const head = paint(label, `1;${style.ansi}`);
  const name =
    change.name === change.identifier ? '' : `${paint(revealInvisible(change.name), '1')}  `;
  return `  ${head} ${name}${identifierText(change)}${paint(where, '2')}`;
}

/** `a1b2c3d4e5|prod (rest-api payments-api)`, `z1mf4h761f|$default (AWS::ApiGatewayV2::Stage)`. */
function identifierText(change: StageChange): string {
  const id = revealInvisible(change.identifier);
  const note = identifierNoteOf(change, revealInvisible);
  return note === undefined ? id : `${id} (${note})`;
}

/** What is said about a change before its properties: its route and its release step. */
function headNotes(change: StageChange, paint: Paint): string[] {
  return changeNotesOf(change).map((note) =>
    paint(`${PROPERTY_INDENT}# ${revealInvisible(note)}`, '1'),
  );
}

function leftToOtherToolsText(changes: readonly StageChange[]): string[] {
  const stages = leftToOtherToolsOf(changes);
  if (stages.length === 0) return [];
  return [
    `Left to other tools (ignore-changes: read from AWS, never diffed or written):`,
    ...stages.flatMap(({ change, paths }) =>
      paths.map(
        ({ path, value }) =>
          `    ${revealInvisible(change.name)}  ${identifierText(change)}  ${revealInvisible(path)}: ${value === undefined ? '(not set)' : revealInvisible(compactJson(value))}`,
      ),
    ),
    '',
  ];
}

function pruneText(prune: PruneReport): string[] {
  const skipped = prune.skippedUnmanaged.length + prune.skippedForeign.length;
  if (!prune.enabled || skipped === 0) return [];
  const reasons: string[] = [];
  if (prune.skippedUnmanaged.length > 0) {
    reasons.push(`${prune.skippedUnmanaged.length} unmanaged (no stage-sync:managed-by tag)`);
  }
  if (prune.skippedForeign.length > 0) {
    reasons.push(`${prune.skippedForeign.length} managed by another repository`);
  }
  const list = [...prune.skippedUnmanaged, ...prune.skippedForeign].map(revealInvisible).sort();
  return [
    `Left alone (prune): ${plural(skipped, 'undeclared stage')} not deleted: ${reasons.join(', ')}.`,
    ...list.map((identifier) => `    ${identifier}`),
    '',
  ];
}

const OWNERSHIP_TAG_PATH = `Tags[${MANAGED_BY_TAG_KEY}]`;

/** An update whose one change is the ownership tag: stage-sync starts managing the stage as it is. */
function isAdoption(change: StageChange): boolean {
  return (
    change.action === 'update' &&
    change.diffs.length > 0 &&
    change.diffs.every((diff) => diff.path === OWNERSHIP_TAG_PATH && diff.kind === 'added')
  );
}

function noChangesLine(unchanged: number): string {
  if (unchanged === 0) return 'No changes. No stages are declared.';
  return unchanged === 1
    ? 'No changes. The 1 declared stage already matches AWS.'
    : `No changes. All ${plural(unchanged, 'declared stage')} already match AWS.`;
}

/** The plain-text plan: Terraform-like, deterministic, coloured only when `options.color`. */
export function renderPlanText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  const changes = sortChanges(plan.changes);
  const changed = changes.filter((change) => change.action !== 'no-op');
  const unchanged = changes.filter((change) => change.action === 'no-op');
  const lines = [paint(`stage-sync plan for ${revealInvisible(plan.target)}`, '1'), ''];
  if (changed.length === 0) {
    lines.push(noChangesLine(unchanged.length), '');
  }
  for (const change of changed) {
    lines.push(stageHeader(change, paint));
    lines.push(...headNotes(change, paint));
    lines.push(...propertyLines(change).flatMap((line) => propertyText(line, paint)));
    lines.push('');
  }
  if (unchanged.length > 0) {
    lines.push(paint(`Unchanged (${unchanged.length}):`, '2'));
    for (const change of unchanged) {
      lines.push(
        paint(`    ${revealInvisible(change.name)}  ${identifierText(change)}`, '2'),
        ...propertyLines(change).flatMap((line) => propertyText(line, paint)),
      );
    }
    lines.push('');
  }
  lines.push(...leftToOtherToolsText(changes));
  lines.push(...pruneText(plan.prune));
  const unread = previousSpecsUnread(plan);
  if (unread !== undefined) {
    lines.push(
      `The specs of the last apply could not be read (${revealInvisible(unread)}): ${previousSpecsUnreadNote(plan.changes)}`,
      '',
    );
  }
  const adopted = changed.filter(isAdoption).length;
  if (adopted > 0) {
    const all = adopted === changed.length;
    lines.push(
      `Adopting ${plural(adopted, 'stage')}: ${all ? 'the only change' : 'for these the only change'} is the ${MANAGED_BY_TAG_KEY} tag.`,
      '',
    );
  }
  const taken = changed.flatMap((change) =>
    change.action === 'update' && change.takeover
      ? [
          `${change.identifier} (${change.takeover.from ? `managed by ${change.takeover.from}` : 'no ownership tag'})`,
        ]
      : [],
  );
  if (taken.length > 0) {
    lines.push(
      paint(
        `Taking over ${plural(taken.length, 'stage')} for ${plan.repository}: ${revealInvisible(taken.join(', '))}.`,
        '33',
      ),
      '',
    );
  }
  const { counts } = plan;
  const summary = `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.noOp} unchanged.`;
  lines.push(paint(summary, '1'));
  return `${lines.join('\n')}\n`;
}
