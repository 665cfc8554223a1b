/**
 * How each action and apply outcome looks, as data: every renderer (comment, job summary, log)
 * reads these tables, so a create is the same colour and word everywhere.
 */
import type { StageOutcomeStatus } from '../apply/result.ts';
import type { ChangeAction } from '../plan/types.ts';

export interface ActionStyle {
  /** Colour cue for the Markdown table; the word next to it carries the meaning on its own. */
  readonly emoji: string;
  /** Word in Markdown. */
  readonly label: string;
  /** Word in the plain-text plan (Terraform's vocabulary). */
  readonly textLabel: string;
  /** Diff sign: Terraform's `+`, `~`, `-`. */
  readonly sign: string;
  /** SGR colour code for the terminal. */
  readonly ansi: string;
}

export const ACTION_STYLES: Readonly<Record<ChangeAction, ActionStyle>> = {
  delete: { emoji: '🔴', label: 'delete', textLabel: 'destroy', sign: '-', ansi: '31' },
  create: { emoji: '🟢', label: 'create', textLabel: 'create', sign: '+', ansi: '32' },
  update: { emoji: '🟡', label: 'update', textLabel: 'update', sign: '~', ansi: '33' },
  'no-op': { emoji: '⚪', label: 'no change', textLabel: 'no change', sign: ' ', ansi: '2' },
};

export interface OutcomeStyle {
  readonly emoji: string;
  readonly label: string;
}

export const OUTCOME_STYLES: Readonly<Record<StageOutcomeStatus, OutcomeStyle>> = {
  applied: { emoji: '✅', label: 'applied' },
  failed: { emoji: '❌', label: 'failed' },
  'in-flight': { emoji: '⏳', label: 'in flight (may still complete)' },
  'not-started': { emoji: '⏭️', label: 'not started' },
  unchanged: { emoji: '⚪', label: 'unchanged' },
};

/** What the summary line calls each count. */
export const COUNT_WORDS: readonly {
  readonly action: Exclude<ChangeAction, 'no-op'>;
  readonly words: string;
}[] = [
  { action: 'create', words: 'to create' },
  { action: 'update', words: 'to update' },
  { action: 'delete', words: 'to delete' },
];

/** Past-tense words for the applied summary, keyed like PlanCounts. */
export const DONE_WORDS: Readonly<Record<Exclude<ChangeAction, 'no-op'>, string>> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
};
