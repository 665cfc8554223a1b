/** What the Markdown renderers need besides the plan, and what they return. */
import type { ApplyResult } from '../apply/result.ts';
import type { Omitted } from './fit.ts';

/**
 * Facts about the run, passed in so rendering stays pure and byte-stable: nothing here is read
 * from the environment or the clock by the renderer.
 */
export interface RenderContext {
  /** stage-sync's version, for the hidden record and the footer. */
  readonly toolVersion: string;
  /** The commit the plan was computed at (the pull request's head, or the pushed commit). */
  readonly commitSha: string;
  /** `owner/repo` of the workflow, for links to the commit and to spec lines. */
  readonly repository: string;
  /** `GITHUB_SERVER_URL` (`https://github.com`); without it no commit or file links are made. */
  readonly serverUrl?: string;
  /** URL of the workflow run, whose page holds the job summary. */
  readonly runUrl?: string;
  /** Event that triggered the run (`pull_request`, `push`, `schedule`, ...), for the footer. */
  readonly eventName?: string;
  /** A time to show in the footer; absent by default so the same plan renders the same bytes. */
  readonly generatedAt?: string;
}

/** Where an apply is, for the comment of the pull request the merged commit came from. */
export type ApplyStatus = 'applying' | 'applied' | 'failed';

export interface ApplyView {
  readonly status: ApplyStatus;
  /** The outcome once the apply settled; absent while `applying`, or when it stopped before any write. */
  readonly result?: ApplyResult;
  /** `planHash` of the comment reviewers saw, when one was found. */
  readonly reviewedPlanHash?: string;
  /** The `plan-mismatch` input: `fail` stops before any write when the hashes differ. */
  readonly mismatchPolicy?: 'warn' | 'fail';
  /**
   * Why the reviewed plan could not be learned (the pull request lookup or its comments
   * failed), when `plan-mismatch: fail` stopped for that before any write.
   */
  readonly reviewedPlanUnknown?: string;
}

/** A rendered Markdown body and what had to be left out to fit its size limit. */
export interface RenderedMarkdown {
  readonly body: string;
  /** True when anything was left out; also written into the hidden record. */
  readonly truncated: boolean;
  readonly omitted: Omitted;
}

/** The PR comment body. */
export type RenderedComment = RenderedMarkdown;
