/**
 * Which undeclared live stages a prune deletes. Only stages whose ownership tag names this
 * repository; a stage without the tag (made by hand, by CloudFormation, before stage-sync) or
 * tagged by another repository is reported as skipped, never deleted.
 */
import type { LiveStage } from '../model/stage.ts';
import { compareText } from './order.ts';
import { managedBy } from './ownership.ts';
import type { PruneReport } from './types.ts';

export interface PruneClassification {
  /** Stages to delete, sorted by identifier. */
  readonly toDelete: readonly LiveStage[];
  readonly report: PruneReport;
}

const byIdentifier = (a: LiveStage, b: LiveStage): number =>
  compareText(a.identifier, b.identifier);

/** Sorts `undeclared` (live stages no spec declares) into deletions and skips for `repository`. */
export function classifyUndeclared(
  undeclared: readonly LiveStage[],
  repository: string,
): PruneClassification {
  const sorted = [...undeclared].sort(byIdentifier);
  const owner = (stage: LiveStage): string | undefined => managedBy(stage.properties);
  return {
    toDelete: sorted.filter((stage) => owner(stage) === repository),
    report: {
      enabled: true,
      skippedUnmanaged: sorted
        .filter((stage) => owner(stage) === undefined)
        .map((stage) => stage.identifier),
      skippedForeign: sorted
        .filter((stage) => owner(stage) !== undefined && owner(stage) !== repository)
        .map((stage) => stage.identifier),
    },
  };
}

/** The report of a run without prune: nothing looked at, nothing skipped. */
export const PRUNE_DISABLED: PruneReport = {
  enabled: false,
  skippedUnmanaged: [],
  skippedForeign: [],
};
