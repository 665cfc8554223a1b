/**
 * Decides what one run does from the event that started it: plan with a PR comment, plan into
 * the job summary only, or apply. Pure: the caller reads `GITHUB_EVENT_NAME`, the event payload
 * (`GITHUB_EVENT_PATH`) and `GITHUB_REF`, and logs the returned `reason`.
 */

/** The `mode` input. */
export type RunMode = 'auto' | 'plan' | 'apply';

/** Plan, and post or update the pull request's sticky comment. Never writes to AWS. */
export interface PlanAndCommentRoute {
  readonly kind: 'plan-and-comment';
  readonly pullRequestNumber: number;
  readonly reason: string;
}

/**
 * Plan into the job summary only: no comment, no writes. `driftCheck` marks the runs whose
 * purpose is to notice drift (schedule, manual), where `fail-on-changes: true` fails on changes.
 */
export interface PlanOnlyRoute {
  readonly kind: 'plan-only';
  readonly driftCheck: boolean;
  readonly reason: string;
}

/**
 * Apply. `pullRequestNumber` is set when the event itself names the pull request whose comment
 * gets the status; otherwise (a push) the caller finds it from the pushed commit.
 */
export interface ApplyRoute {
  readonly kind: 'apply';
  readonly pullRequestNumber: number | undefined;
  readonly reason: string;
}

export type EventRoute = PlanAndCommentRoute | PlanOnlyRoute | ApplyRoute;

/** What the runner tells a step about the event that started it. */
export interface EventRouteInput {
  /** `GITHUB_EVENT_NAME`. */
  readonly eventName: string;
  /** The parsed JSON of `GITHUB_EVENT_PATH`. */
  readonly payload: unknown;
  /** `GITHUB_REF`; used for a push only when the payload lacks `ref`. */
  readonly ref: string;
  readonly mode: RunMode;
}

type Payload = Readonly<Record<string, unknown>>;
type AutoRule = (payload: Payload, ref: string) => EventRoute;

const planOnly = (reason: string, driftCheck = false): PlanOnlyRoute => ({
  kind: 'plan-only',
  driftCheck,
  reason,
});

/**
 * `mode: auto`, one row per event. Events missing from this table plan only.
 * `pull_request_target` carries the same payload as `pull_request`
 * (https://docs.github.com/actions/reference/events-that-trigger-workflows#pull_request_target).
 */
const AUTO_RULES: Readonly<Record<string, AutoRule>> = {
  pull_request: (payload) => routePullRequest('pull_request', payload),
  pull_request_target: (payload) => routePullRequest('pull_request_target', payload),
  push: routePush,
  workflow_dispatch: () => planOnly('workflow_dispatch: drift check, plan only', true),
  schedule: () => planOnly('schedule: drift check, plan only', true),
  merge_group: () => planOnly('merge_group: plan only, to check the plan still holds in the queue'),
};

/** Routes one run. `mode: plan` never applies; `mode: apply` applies on any event. */
export function routeEvent(input: EventRouteInput): EventRoute {
  const payload = asRecord(input.payload);
  const auto = Object.hasOwn(AUTO_RULES, input.eventName)
    ? (AUTO_RULES[input.eventName] as AutoRule)(payload, input.ref)
    : planOnly(`event "${input.eventName}" is not one stage-sync acts on; plan only`);

  if (input.mode === 'plan' && auto.kind === 'apply') {
    return planOnly(`mode: plan never writes (${auto.reason})`);
  }
  if (input.mode === 'apply' && auto.kind !== 'apply') {
    return {
      kind: 'apply',
      pullRequestNumber: pullRequestNumberOf(input.eventName, payload),
      reason: `mode: apply applies on any event (${input.eventName})`,
    };
  }
  return auto;
}

function routePullRequest(eventName: string, payload: Payload): EventRoute {
  const number = pullRequestNumberOf(eventName, payload);
  if (number === undefined) return planOnly(`${eventName}: the payload names no pull request`);
  // A closed (or merged) PR is about to get its comment's status from the apply on the default
  // branch, or has it already; a plan posted now would race that update, or overwrite
  // "Applied" with a plan nobody will merge. Any event on it counts (`labeled`, `edited` after
  // the merge), not only the `closed` one.
  const state = asRecord(payload['pull_request'])['state'];
  if (payload['action'] === 'closed' || state === 'closed') {
    return planOnly(`${eventName} #${number} is closed; its comment is left to the apply`);
  }
  return { kind: 'plan-and-comment', pullRequestNumber: number, reason: `${eventName} #${number}` };
}

function routePush(payload: Payload, fallbackRef: string): EventRoute {
  const ref = typeof payload['ref'] === 'string' ? payload['ref'] : fallbackRef;
  if (payload['deleted'] === true) return planOnly(`push deleted ${ref}; nothing to apply`);
  if (ref.startsWith('refs/tags/'))
    return planOnly(`push of tag ${ref.slice('refs/tags/'.length)}`);

  const defaultBranch = asRecord(payload['repository'])['default_branch'];
  if (typeof defaultBranch !== 'string' || defaultBranch === '') {
    return planOnly(`push to ${ref}: the payload names no default branch, so not applying`);
  }
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
  if (branch === defaultBranch) {
    return {
      kind: 'apply',
      pullRequestNumber: undefined,
      reason: `push to the default branch ${defaultBranch}`,
    };
  }
  return planOnly(`push to ${branch}, not the default branch ${defaultBranch}`);
}

/** The PR number of a pull_request(_target) payload; `undefined` for other events. */
function pullRequestNumberOf(eventName: string, payload: Payload): number | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const number = asRecord(payload['pull_request'])['number'] ?? payload['number'];
  return Number.isSafeInteger(number) && (number as number) > 0 ? (number as number) : undefined;
}

function asRecord(value: unknown): Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Payload)
    : {};
}
