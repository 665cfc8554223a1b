/** The repository a run works on (`GITHUB_REPOSITORY` split at the slash). */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** Parses `owner/name`, as `GITHUB_REPOSITORY` spells it. */
export function parseRepoRef(fullName: string): RepoRef {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName.trim());
  if (!match) throw new Error(`GITHUB_REPOSITORY must look like owner/name, got "${fullName}"`);
  return { owner: match[1] as string, repo: match[2] as string };
}
