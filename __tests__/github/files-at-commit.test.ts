import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  MAX_FILE_BYTES,
  readFileAtCommit,
  readFilesMatching,
} from '../../src/github/files-at-commit.ts';
import type { GitHubClient } from '../../src/github/github-client.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import { installationToken, startGitHubFake, type GitHubFake } from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

const REPO = parseRepoRef('Codertocat/Hello-World');
const MERGED = 'a'.repeat(40);
const SPECS = {
  'stages/api.yml': 'stages:\n  Prod:\n    StageName: prod\n',
  'stages/edge/edge.yaml': 'stages: {}\n',
  'stages/notes.md': '# not a spec\n',
  'README.md': '# hello\n',
  'big/huge.yml': 'x'.repeat(MAX_FILE_BYTES + 10),
};

describe('readFileAtCommit and readFilesMatching against the GitHub fake', () => {
  let fake: GitHubFake;
  let client: GitHubClient;
  before(async () => {
    fake = await startGitHubFake({
      tokens: { t: installationToken() },
      files: { [MERGED]: SPECS },
    });
    client = quickClient('t', fake.url);
  });
  after(() => fake.close());

  it('reads one file at a commit', async () => {
    assert.deepEqual(await readFileAtCommit(client, REPO, 'stages/api.yml', MERGED), {
      kind: 'file',
      path: 'stages/api.yml',
      text: SPECS['stages/api.yml'],
      size: Buffer.byteLength(SPECS['stages/api.yml']),
    });
    const call = fake.calls.at(-1);
    // Octokit sends the path's slashes as %2F, which GitHub decodes.
    assert.equal(
      decodeURIComponent(call?.path ?? ''),
      '/repos/Codertocat/Hello-World/contents/stages/api.yml',
    );
    assert.equal(call?.query['ref'], MERGED);
  });

  it('says missing, not-a-file and too-large instead of reading them', async () => {
    assert.deepEqual(await readFileAtCommit(client, REPO, 'nope.yml', MERGED), {
      kind: 'missing',
      path: 'nope.yml',
    });
    assert.deepEqual(await readFileAtCommit(client, REPO, 'stages', MERGED), {
      kind: 'not-a-file',
      path: 'stages',
    });
    assert.deepEqual(
      await readFileAtCommit(client, REPO, 'stages/api.yml', MERGED, { maxBytes: 10 }),
      {
        kind: 'too-large',
        path: 'stages/api.yml',
        size: Buffer.byteLength(SPECS['stages/api.yml']),
        maxBytes: 10,
      },
    );
    const huge = await readFileAtCommit(client, REPO, 'big/huge.yml', MERGED, {
      maxBytes: 10 * MAX_FILE_BYTES,
    });
    assert.equal(huge.kind, 'too-large');
    assert.equal(huge.kind === 'too-large' && huge.maxBytes, MAX_FILE_BYTES, 'never above 1 MiB');
  });

  it('reads every file matching the patterns, from one tree listing, sorted', async () => {
    const before = fake.calls.length;
    const matched = await readFilesMatching(
      client,
      REPO,
      ['stages/**/*.yml', 'stages/**/*.yaml'],
      MERGED,
    );
    assert.equal(matched.kind, 'files');
    assert.deepEqual(
      matched.kind === 'files'
        ? matched.files.map((f) => [f.path, f.kind === 'file' && f.text])
        : [],
      [
        ['stages/api.yml', SPECS['stages/api.yml']],
        ['stages/edge/edge.yaml', SPECS['stages/edge/edge.yaml']],
      ],
    );
    const calls = fake.calls.slice(before);
    assert.deepEqual(
      calls.map((c) => decodeURIComponent(c.path).split('/').slice(4).join('/')),
      [`git/trees/${MERGED}`, 'contents/stages/api.yml', 'contents/stages/edge/edge.yaml'],
    );
    assert.equal(calls[0]?.query['recursive'], '1');
  });

  it('more matches than allowed: too-many, and nothing read', async () => {
    const before = fake.calls.length;
    assert.deepEqual(await readFilesMatching(client, REPO, ['**/*'], MERGED, { maxFiles: 3 }), {
      kind: 'too-many',
      count: Object.keys(SPECS).length,
      maxFiles: 3,
    });
    assert.equal(fake.calls.length - before, 1, 'only the listing');
  });

  it('an unknown commit is a GitHubApiError (404), thrown', async () => {
    await assert.rejects(readFilesMatching(client, REPO, ['**'], 'f'.repeat(40)), { status: 404 });
  });
});
