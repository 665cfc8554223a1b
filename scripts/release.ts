/**
 * Releases the version tag `vX.Y.Z` that HEAD is checked out at (run by
 * .github/workflows/release.yml when such a tag is pushed):
 *
 * 1. the tag names HEAD, and X.Y.Z is the version in package.json and in VERSION;
 * 2. dist/ is what the sources build (scripts/check-dist.sh);
 * 3. CHANGELOG.md has a `## [X.Y.Z]` section: its text is the release notes;
 * 4. the GitHub release is created with those notes (`gh release create`), unless it exists;
 * 5. the major tag `vX` is moved to the release and pushed, unless a higher `vX.*.*` exists
 *    (a fix to an older minor line must not take `vX` backwards).
 *
 * `--dry-run` checks everything and prints what it would do without creating or pushing.
 * `--remote NAME` is the remote to push `vX` to (default `origin`). `gh` is found on PATH.
 *
 * Usage: node scripts/release.ts vX.Y.Z [--dry-run] [--remote NAME]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A release version: only `vMAJOR.MINOR.PATCH` (no pre-releases: they must not move `vX`). */
export interface ReleaseVersion {
  readonly tag: string;
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The floating tag users pin: `v1` for v1.4.2. */
  readonly majorTag: string;
}

export function parseReleaseTag(tag: string): ReleaseVersion | undefined {
  const match = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag);
  if (!match) return undefined;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  return {
    tag,
    version: `${major}.${minor}.${patch}`,
    major,
    minor,
    patch,
    majorTag: `v${major}`,
  };
}

const compare = (a: ReleaseVersion, b: ReleaseVersion): number =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch;

/**
 * Whether `vX` should point at `release`: it is the highest `vX.*.*` among `tags` (all the
 * repository's tags; anything that is not a release tag is ignored).
 */
export function movesMajorTag(release: ReleaseVersion, tags: readonly string[]): boolean {
  return tags
    .map(parseReleaseTag)
    .filter((other): other is ReleaseVersion => other?.major === release.major)
    .every((other) => compare(other, release) <= 0);
}

/**
 * The notes of `version` in a Keep a Changelog file (https://keepachangelog.com/en/1.1.0/): the
 * text under `## [version]` (with or without a date after it) up to the next `## ` heading or
 * the link references at the end; undefined when there is no such section or it is empty.
 */
export function releaseNotes(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/\./g, '\\.');
  const start = lines.findIndex((line) => new RegExp(`^## \\[${escaped}\\](\\s|$)`).test(line));
  if (start < 0) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)) break;
    body.push(line);
  }
  const notes = body.join('\n').trim();
  return notes === '' ? undefined : `${notes}\n`;
}

/** Everything a release checks before it changes anything; each problem is one sentence. */
export interface ReleaseFacts {
  readonly tag: string;
  readonly tagCommit: string | undefined;
  readonly headCommit: string;
  readonly packageVersion: string;
  readonly versionFile: string;
  readonly changelog: string;
}

export function releaseProblems(facts: ReleaseFacts): string[] {
  const release = parseReleaseTag(facts.tag);
  if (!release) return [`${facts.tag} is not a release tag of the form vX.Y.Z.`];
  const problems: string[] = [];
  if (facts.tagCommit === undefined) problems.push(`Tag ${facts.tag} does not exist.`);
  else if (facts.tagCommit !== facts.headCommit) {
    problems.push(`Tag ${facts.tag} is ${facts.tagCommit}, but HEAD is ${facts.headCommit}.`);
  }
  if (facts.packageVersion !== release.version) {
    problems.push(`package.json has version ${facts.packageVersion}, not ${release.version}.`);
  }
  if (facts.versionFile.trim() !== release.version) {
    problems.push(`VERSION says ${facts.versionFile.trim()}, not ${release.version}.`);
  }
  if (!releaseNotes(facts.changelog, release.version)) {
    problems.push(`CHANGELOG.md has no notes under "## [${release.version}]".`);
  }
  return problems;
}

interface Options {
  readonly tag: string;
  readonly dryRun: boolean;
  readonly remote: string;
}

function parseArguments(args: readonly string[]): Options {
  let tag: string | undefined;
  let dryRun = false;
  let remote = 'origin';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--remote') remote = args[++i] ?? '';
    else if (!arg.startsWith('-') && tag === undefined) tag = arg;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!tag || !remote) {
    throw new Error('Usage: node scripts/release.ts vX.Y.Z [--dry-run] [--remote NAME]');
  }
  return { tag, dryRun, remote };
}

const git = (root: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function tagCommit(root: string, tag: string): string | undefined {
  const run = spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** Runs the release in the repository at `root`; returns the process exit code. */
export function release(root: string, args: readonly string[]): number {
  const options = parseArguments(args);
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');
  const facts: ReleaseFacts = {
    tag: options.tag,
    tagCommit: tagCommit(root, options.tag),
    headCommit: git(root, 'rev-parse', 'HEAD'),
    packageVersion: String((JSON.parse(read('package.json')) as { version?: unknown }).version),
    versionFile: read('VERSION'),
    changelog: read('CHANGELOG.md'),
  };
  const problems = releaseProblems(facts);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`::error::${problem}`);
    return 1;
  }
  const version = parseReleaseTag(options.tag) as ReleaseVersion;
  const commit = facts.tagCommit as string;

  const distCheck = spawnSync('bash', [join(root, 'scripts/check-dist.sh')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (distCheck.status !== 0) {
    console.error(`::error::dist/ is not what the sources of ${options.tag} build; not released.`);
    return 1;
  }

  const notes = releaseNotes(facts.changelog, version.version) as string;
  const moveMajor = movesMajorTag(version, git(root, 'tag', '--list').split('\n'));
  const scratch = mkdtempSync(join(tmpdir(), 'release-notes-'));
  try {
    const notesFile = join(scratch, 'notes.md');
    writeFileSync(notesFile, notes);
    const create = [
      'release',
      'create',
      options.tag,
      '--verify-tag',
      '--title',
      options.tag,
      '--notes-file',
      notesFile,
      ...(moveMajor ? [] : ['--latest=false']),
    ];
    if (options.dryRun) {
      console.log(`Would run: gh ${create.join(' ')}\n--- notes ---\n${notes}--- end ---`);
    } else if (spawnSync('gh', ['release', 'view', options.tag], { cwd: root }).status === 0) {
      console.log(`The GitHub release ${options.tag} exists already; left as it is.`);
    } else {
      execFileSync('gh', create, { cwd: root, stdio: 'inherit' });
      console.log(`Created the GitHub release ${options.tag}.`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  if (!moveMajor) {
    console.log(`${version.majorTag} stays: a higher ${version.majorTag}.x.y release exists.`);
    return 0;
  }
  if (options.dryRun) {
    console.log(`Would move ${version.majorTag} to ${commit} and push it to ${options.remote}.`);
    return 0;
  }
  git(root, 'tag', '--force', version.majorTag, commit);
  git(root, 'push', '--force', options.remote, `refs/tags/${version.majorTag}`);
  console.log(`Moved ${version.majorTag} to ${options.tag} (${commit}).`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    process.exitCode = release(root, process.argv.slice(2));
  } catch (error) {
    console.error(`::error::${(error as Error).message}`);
    process.exitCode = 1;
  }
}
