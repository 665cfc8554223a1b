/**
 * scripts/release.ts: its rules as functions, then the whole script on a scratch clone of a
 * scratch repository (a bare `origin` on disk), with `gh` replaced by a fake on PATH that
 * records what it was asked, so no release reaches GitHub and nothing leaves the machine.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import {
  movesMajorTag,
  parseReleaseTag,
  releaseNotes,
  releaseProblems,
} from '../../scripts/release.ts';

const SCRIPTS = new URL('../../scripts/', import.meta.url).pathname;

const CHANGELOG = `# Changelog

All notable changes are documented here.

## [Unreleased]

## [1.2.0] - 2026-12-01

### Added

- Drift issues.

## [1.1.0] - 2026-11-01

### Fixed

- A fix.

[Unreleased]: https://github.com/stage-sync/stage-sync/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/stage-sync/stage-sync/compare/v1.1.0...v1.2.0
`;

test('a release tag is vX.Y.Z exactly, and names its major tag', () => {
  assert.deepEqual(parseReleaseTag('v1.12.0'), {
    tag: 'v1.12.0',
    version: '1.12.0',
    major: 1,
    minor: 12,
    patch: 0,
    majorTag: 'v1',
  });
  for (const tag of ['1.2.0', 'v1.2', 'v1.2.0-rc.1', 'v01.2.0', 'v1', 'v1.2.0.1']) {
    assert.equal(parseReleaseTag(tag), undefined, tag);
  }
});

test('the major tag moves only to the highest release of its major line', () => {
  const tags = ['v1.0.0', 'v1.1.0', 'v1.10.0', 'v2.0.0', 'v1', 'v2', 'nightly'];
  assert.equal(movesMajorTag(parseReleaseTag('v1.10.0')!, tags), true, 'v1.10.0 > v1.1.0');
  assert.equal(movesMajorTag(parseReleaseTag('v1.1.0')!, tags), false, 'v1.10.0 exists');
  assert.equal(movesMajorTag(parseReleaseTag('v2.0.0')!, tags), true);
  assert.equal(movesMajorTag(parseReleaseTag('v1.10.1')!, tags), true, 'not yet tagged is fine');
});

test('release notes are the text of the version section, up to the next section', () => {
  assert.equal(releaseNotes(CHANGELOG, '1.2.0'), '### Added\n\n- Drift issues.\n');
  assert.equal(releaseNotes(CHANGELOG, '1.1.0'), '### Fixed\n\n- A fix.\n', 'stops at links');
  assert.equal(releaseNotes(CHANGELOG, '1.3.0'), undefined, 'no section');
  assert.equal(releaseNotes(CHANGELOG, '1.2'), undefined, 'not a prefix match');
  assert.equal(releaseNotes('## [2.0.0]\n\n## [1.0.0]\n- x\n', '2.0.0'), undefined, 'empty');
});

test('a release names every disagreement between the tag, the versions and the changelog', () => {
  const facts = {
    tag: 'v1.2.0',
    tagCommit: 'a'.repeat(40),
    headCommit: 'a'.repeat(40),
    packageVersion: '1.2.0',
    versionFile: '1.2.0\n',
    changelog: CHANGELOG,
  };
  assert.deepEqual(releaseProblems(facts), []);
  assert.deepEqual(
    releaseProblems({
      ...facts,
      tag: 'v1.3.0',
      tagCommit: 'b'.repeat(40),
      versionFile: '1.2.1\n',
    }),
    [
      `Tag v1.3.0 is ${'b'.repeat(40)}, but HEAD is ${'a'.repeat(40)}.`,
      'package.json has version 1.2.0, not 1.3.0.',
      'VERSION says 1.2.1, not 1.3.0.',
      'CHANGELOG.md has no notes under "## [1.3.0]".',
    ],
  );
  assert.deepEqual(releaseProblems({ ...facts, tagCommit: undefined }), [
    'Tag v1.2.0 does not exist.',
  ]);
  assert.deepEqual(releaseProblems({ ...facts, tag: 'v1.2.0-rc.1' }), [
    'v1.2.0-rc.1 is not a release tag of the form vX.Y.Z.',
  ]);
});

/** A maintainer's clone of a scratch repository whose `origin` is a bare repository on disk. */
interface Scratch {
  readonly clone: string;
  readonly origin: string;
  /** Where the fake gh writes one JSON line per call. */
  readonly ghLog: string;
  git(...args: string[]): string;
  /** Commits a version: package.json, VERSION, CHANGELOG.md, the "source" and its dist/. */
  commitVersion(version: string, options?: { staleDist?: boolean }): void;
  release(...args: string[]): { status: number | null; output: string };
  ghCalls(): { args: string[]; notes?: string }[];
}

/**
 * The fake gh: records argv (and the notes file's text) and answers `release view` as GitHub
 * would after `release create` made the release.
 */
const FAKE_GH = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const log = process.env.FAKE_GH_LOG;
const made = log + '.releases';
const releases = fs.existsSync(made) ? fs.readFileSync(made, 'utf8').split('\\n') : [];
const entry = { args };
const notesAt = args.indexOf('--notes-file');
if (notesAt >= 0) entry.notes = fs.readFileSync(args[notesAt + 1], 'utf8');
fs.appendFileSync(log, JSON.stringify(entry) + '\\n');
if (args[0] === 'release' && args[1] === 'view') process.exit(releases.includes(args[2]) ? 0 : 1);
if (args[0] === 'release' && args[1] === 'create') fs.appendFileSync(made, args[2] + '\\n');
`;

function scratchRepository(t: TestContext): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'release-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const origin = join(dir, 'origin.git');
  const clone = join(dir, 'clone');
  const bin = join(dir, 'bin');
  const ghLog = join(dir, 'gh.log');
  mkdirSync(bin);
  writeFileSync(join(bin, 'gh'), FAKE_GH.replace('#!/usr/bin/env node', `#!${process.execPath}`));
  chmodSync(join(bin, 'gh'), 0o755);
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    FAKE_GH_LOG: ghLog,
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release@example.com',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    // The scratch project's build: dist/index.js is a copy of src/index.js.
    STAGE_SYNC_BUNDLE_COMMAND: 'mkdir -p dist && cp src/index.js dist/index.js',
  };
  const run = (cwd: string, command: string, args: string[]) => {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const git = (...args: string[]): string => {
    const result = run(clone, 'git', args);
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.output}`);
    return result.output.trim();
  };
  assert.equal(run(dir, 'git', ['init', '--quiet', '--bare', origin]).status, 0);
  assert.equal(run(dir, 'git', ['clone', '--quiet', origin, clone]).status, 0);
  mkdirSync(join(clone, 'scripts'));
  mkdirSync(join(clone, 'src'));
  mkdirSync(join(clone, 'dist'));
  for (const script of ['release.ts', 'check-dist.sh']) {
    copyFileSync(join(SCRIPTS, script), join(clone, 'scripts', script));
  }

  return {
    clone,
    origin,
    ghLog,
    git,
    commitVersion(version, options = {}) {
      const source = `export const version = '${version}';\n`;
      writeFileSync(join(clone, 'package.json'), `${JSON.stringify({ version }, null, 2)}\n`);
      writeFileSync(join(clone, 'VERSION'), `${version}\n`);
      writeFileSync(
        join(clone, 'CHANGELOG.md'),
        `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-12-02\n\n- ${version}.\n\n## [0.1.0] - 2026-01-01\n\n- First.\n`,
      );
      writeFileSync(join(clone, 'src/index.js'), source);
      if (!options.staleDist) writeFileSync(join(clone, 'dist/index.js'), source);
      git('add', '--all');
      git('commit', '--quiet', '-m', `Version ${version}`);
    },
    release: (...args) =>
      run(clone, process.execPath, [join(clone, 'scripts/release.ts'), ...args]),
    ghCalls: () =>
      existsSync(ghLog)
        ? readFileSync(ghLog, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { args: string[]; notes?: string })
        : [],
  };
}

/** What the bare origin's tag points at (the commit), or undefined. */
function originTag(scratch: Scratch, tag: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${tag}^{commit}`], {
    cwd: scratch.origin,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The maintainer's part: tag HEAD and push the tag (what triggers the release workflow). */
function tagAndPush(scratch: Scratch, tag: string): string {
  scratch.git('tag', '-a', tag, '-m', tag);
  scratch.git('push', '--quiet', 'origin', 'HEAD:refs/heads/main', `refs/tags/${tag}`);
  return scratch.git('rev-parse', 'HEAD');
}

test('a release creates the GitHub release with the changelog notes and moves vX', async (t) => {
  const scratch = scratchRepository(t);
  scratch.commitVersion('1.1.0');
  const first = tagAndPush(scratch, 'v1.1.0');
  const firstRun = scratch.release('v1.1.0');
  assert.equal(firstRun.status, 0, firstRun.output);
  assert.equal(originTag(scratch, 'v1'), first, 'v1 made at v1.1.0');

  scratch.commitVersion('1.2.0');
  const second = tagAndPush(scratch, 'v1.2.0');
  const run = scratch.release('v1.2.0');
  assert.equal(run.status, 0, run.output);
  assert.notEqual(first, second);
  assert.equal(originTag(scratch, 'v1'), second, 'v1 moved to v1.2.0 on origin');
  assert.equal(originTag(scratch, 'v1.1.0'), first, 'the older release tag is untouched');

  const creates = scratch.ghCalls().filter((call) => call.args[1] === 'create');
  assert.equal(creates.length, 2);
  const [, latest] = creates;
  assert.deepEqual(latest?.args.slice(0, 6), [
    'release',
    'create',
    'v1.2.0',
    '--verify-tag',
    '--title',
    'v1.2.0',
  ]);
  assert.ok(!latest?.args.includes('--latest=false'), 'the newest release is the latest');
  assert.equal(latest?.notes, '- 1.2.0.\n', 'the notes of ## [1.2.0]');
});

test('a re-run of a release leaves the existing GitHub release alone and converges', async (t) => {
  const scratch = scratchRepository(t);
  scratch.commitVersion('1.0.0');
  const commit = tagAndPush(scratch, 'v1.0.0');
  assert.equal(scratch.release('v1.0.0').status, 0);
  const rerun = scratch.release('v1.0.0');
  assert.equal(rerun.status, 0, rerun.output);
  assert.match(rerun.output, /exists already/);
  assert.equal(scratch.ghCalls().filter((call) => call.args[1] === 'create').length, 1);
  assert.equal(originTag(scratch, 'v1'), commit);
});

test('a fix to an older minor line is released without taking vX backwards', async (t) => {
  const scratch = scratchRepository(t);
  scratch.commitVersion('1.1.0');
  tagAndPush(scratch, 'v1.1.0');
  scratch.commitVersion('1.2.0');
  const newest = tagAndPush(scratch, 'v1.2.0');
  assert.equal(scratch.release('v1.2.0').status, 0);

  scratch.git('checkout', '--quiet', 'v1.1.0');
  scratch.commitVersion('1.1.1');
  scratch.git('tag', '-a', 'v1.1.1', '-m', 'v1.1.1');
  scratch.git('push', '--quiet', 'origin', 'refs/tags/v1.1.1');
  const run = scratch.release('v1.1.1');
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /v1 stays/);
  assert.equal(originTag(scratch, 'v1'), newest, 'v1 still names v1.2.0');
  const create = scratch
    .ghCalls()
    .find((call) => call.args[1] === 'create' && call.args[2] === 'v1.1.1');
  assert.ok(create?.args.includes('--latest=false'), 'an older line is not marked latest');
});

test('a stale dist/ or a version that disagrees stops the release before anything', async (t) => {
  const scratch = scratchRepository(t);
  scratch.commitVersion('1.0.0');
  tagAndPush(scratch, 'v1.0.0');
  assert.equal(scratch.release('v1.0.0').status, 0);

  scratch.commitVersion('1.1.0', { staleDist: true });
  tagAndPush(scratch, 'v1.1.0');
  const stale = scratch.release('v1.1.0');
  assert.equal(stale.status, 1, stale.output);
  assert.match(stale.output, /dist\/ is stale/);
  assert.match(stale.output, /dist\/index\.js/, 'names the stale file');

  writeFileSync(join(scratch.clone, 'VERSION'), '1.0.9\n');
  scratch.git('commit', '--quiet', '--all', '-m', 'VERSION disagrees');
  scratch.git('tag', '-a', 'v1.1.1', '-m', 'v1.1.1');
  const mismatch = scratch.release('v1.1.1');
  assert.equal(mismatch.status, 1);
  assert.match(mismatch.output, /package\.json has version 1\.1\.0, not 1\.1\.1/);
  assert.match(mismatch.output, /VERSION says 1\.0\.9, not 1\.1\.1/);

  const released = scratch.ghCalls().filter((call) => call.args[1] === 'create');
  assert.deepEqual(
    released.map((call) => call.args[2]),
    ['v1.0.0'],
    'neither failed release reached GitHub',
  );
  assert.equal(originTag(scratch, 'v1'), originTag(scratch, 'v1.0.0'), 'v1 did not move');
});

test('--dry-run checks everything and prints the release without creating or pushing', async (t) => {
  const scratch = scratchRepository(t);
  scratch.commitVersion('2.0.0');
  tagAndPush(scratch, 'v2.0.0');
  const run = scratch.release('v2.0.0', '--dry-run');
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /Would run: gh release create v2\.0\.0 /);
  assert.match(run.output, /--- notes ---\n- 2\.0\.0\.\n--- end ---/);
  assert.match(run.output, /Would move v2 to [0-9a-f]{40}/);
  assert.deepEqual(scratch.ghCalls(), []);
  assert.equal(originTag(scratch, 'v2'), undefined);
});
