/** The action's contract with workflows: input and output names as action.yml declares them. */

export const INPUTS = {
  specs: 'specs',
  mode: 'mode',
  githubToken: 'github-token',
  comment: 'comment',
  prune: 'prune',
  awsRegion: 'aws-region',
  maxConcurrency: 'max-concurrency',
  operationTimeoutSeconds: 'operation-timeout-seconds',
  failOnChanges: 'fail-on-changes',
  planMismatch: 'plan-mismatch',
  maxDeletes: 'max-deletes',
  commentAuthor: 'comment-author',
} as const;

export const OUTPUTS = {
  hasChanges: 'has-changes',
  creates: 'creates',
  updates: 'updates',
  deletes: 'deletes',
  unchanged: 'unchanged',
  planJson: 'plan-json',
  planHash: 'plan-hash',
  planMarkdown: 'plan-markdown',
  commentUrl: 'comment-url',
  failureReason: 'failure-reason',
} as const;

/** Why a run failed, as the `failure-reason` output names it. */
export type FailureReason =
  | 'invalid-specs'
  | 'invalid-input'
  | 'aws-read-failed'
  | 'plan-changed'
  | 'too-many-deletes'
  | 'reviewed-plan-unknown'
  | 'apply-failed'
  | 'interrupted'
  | 'changes-detected'
  | 'internal-error';
