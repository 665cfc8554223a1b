/**
 * What a fresh read after a cancel says about a stage. A cancel stops the handler but undoes
 * nothing it did (docs/reference/aws-recorded-behaviour.md fact 11: "There is no rollback"), so
 * a cancelled write may have taken effect in full, in part or not at all; the apply reports the
 * stage as it reads and never assumes the write changed nothing.
 */
import type { PropertyDiff } from '../plan/types.ts';
import type { CompareStages } from './options.ts';
import type { WriteChange } from './submit-write.ts';

export interface AfterCancel {
  /** The stage reads as the change meant it to (gone, for a delete). */
  readonly asPlanned: boolean;
  /** How it reads, for the stage's outcome. */
  readonly text: string;
}

export function describeAfterCancel(
  change: WriteChange,
  live: { readonly properties: Record<string, unknown> } | undefined,
  compare: CompareStages,
): AfterCancel {
  if (change.action === 'delete') {
    return live === undefined
      ? { asPlanned: true, text: 'the stage reads as deleted' }
      : { asPlanned: false, text: 'the stage still exists as read after the cancel' };
  }
  if (live === undefined) {
    return { asPlanned: false, text: 'the stage does not exist as read after the cancel' };
  }
  const differs: readonly PropertyDiff[] = compare(change.after, live.properties, change.type);
  if (differs.length === 0) return { asPlanned: true, text: 'the stage reads as planned' };
  if (
    change.action === 'update' &&
    compare(change.before, live.properties, change.type).length === 0
  ) {
    return { asPlanned: false, text: 'the stage reads as it did before the write' };
  }
  return {
    asPlanned: false,
    text: `the stage reads differently from the plan in ${differs.map((d) => d.path).join(', ')}, as read after the cancel`,
  };
}
