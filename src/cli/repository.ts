/** Which repository the local command speaks for: the owner/repo of the ownership tag. */
import { execFileSync } from 'node:child_process';
import { repositoryFromRemote } from './repository-from-remote.ts';

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

/** `--repository`, else GITHUB_REPOSITORY, else the `origin` remote when it is a GitHub one. */
export function resolveRepository(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (flag) return flag;
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  const url = gitOutput(['remote', 'get-url', 'origin']);
  return url ? repositoryFromRemote(url, env.GITHUB_SERVER_URL) : undefined;
}
