/**
 * `owner/repo` from a git remote URL, only when the remote is a real GitHub repository: an https,
 * ssh or scp-like (`git@host:owner/repo.git`) URL whose host is github.com or the host of
 * `GITHUB_SERVER_URL` (GitHub Enterprise Server). A local path or any other host gives
 * `undefined`, so the caller asks for `--repository`: a clone of `/srv/x` must not write the
 * ownership tag `srv/x` and then prune stages as if it were that repository.
 */

/** GitHub's own rules: owners are letters, digits and single hyphens; repository names also allow `.` and `_`. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

function githubHosts(serverUrl: string | undefined): Set<string> {
  const hosts = new Set(['github.com']);
  if (serverUrl && URL.canParse(serverUrl)) hosts.add(new URL(serverUrl).hostname.toLowerCase());
  return hosts;
}

/** Host and path of a remote URL, or `undefined` when it is not a network URL (a local path, `file:`). */
function hostAndPath(remote: string): { host: string; path: string } | undefined {
  // scp-like syntax: `[user@]host:path`, with no scheme and no slash before the colon (git-clone(1)).
  const scp = /^(?:[^@/:]+@)?([^@/:]+):(?!\/\/)(.+)$/.exec(remote);
  if (scp && !/^[A-Za-z]:[\\/]/.test(remote)) {
    return { host: (scp[1] as string).toLowerCase(), path: scp[2] as string };
  }
  if (!URL.canParse(remote)) return undefined;
  const url = new URL(remote);
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
  return { host: url.hostname.toLowerCase(), path: decodeURIComponent(url.pathname) };
}

export function repositoryFromRemote(
  remote: string,
  serverUrl: string | undefined = undefined,
): string | undefined {
  const parsed = hostAndPath(remote.trim());
  if (!parsed || !githubHosts(serverUrl).has(parsed.host)) return undefined;
  const parts = parsed.path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2) return undefined;
  const [owner, repository] = parts as [string, string];
  if (!OWNER.test(owner) || !REPOSITORY.test(repository) || /^\.+$/.test(repository)) {
    return undefined;
  }
  return `${owner}/${repository}`;
}
