/**
 * Which commit's specs were last applied, as the event tells it: the pull request's base (what
 * the default branch declares, and so what its last apply wrote) or, for a push, the commit the
 * branch pointed at before (`before`). The README ("How the plan is computed") explains why the
 * repository's history stands in for a state file.
 */

/** A push that created the branch names no `before`: GitHub sends forty zeros. */
const NO_COMMIT = /^0+$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !NO_COMMIT.test(value) ? value : undefined;
}

export function previousCommitOf(
  eventName: string,
  payload: Readonly<Record<string, unknown>>,
): string | undefined {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = (payload.pull_request as { base?: { sha?: unknown } } | undefined)?.base;
    return text(base?.sha);
  }
  if (eventName === 'push') return text(payload.before);
  return undefined;
}
