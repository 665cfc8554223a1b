/** Which repository the local command speaks for: the owner/repo of the ownership tag. */
import { execFileSync } from 'node:child_process';

/** `git ARGS` in the current directory, or undefined when git fails or is missing. */
export function gitOutput(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', [...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** `owner/repo` from a remote URL (`git@github.com:o/r.git`, `https://github.com/o/r`). */
export function repositoryFromRemote(url: string): string | undefined {
  return /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url)?.[1];
}

/** `--repository`, else GITHUB_REPOSITORY, else the `origin` remote. */
export function resolveRepository(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (flag) return flag;
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  const url = gitOutput(['remote', 'get-url', 'origin']);
  return url ? repositoryFromRemote(url) : undefined;
}
