import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { installationToken, startGitHubFake, type GitHubFake } from './github-fake.ts';
import { CONTENTS_INLINE_LIMIT_BYTES } from './github-fake-repo.ts';

async function get(fake: GitHubFake, path: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, fake.url), {
    headers: { authorization: 'token bot-token' },
  });
  return { status: response.status, json: await response.json() };
}

const REPO = '/repos/Codertocat/Hello-World';
const SPEC = 'stages:\n  Prod:\n    StageName: prod\n';

describe('GitHub fake: contents, trees and compare', () => {
  let fake: GitHubFake;
  before(async () => {
    fake = await startGitHubFake({
      tokens: { 'bot-token': installationToken() },
      files: {
        c1: {
          'stages/api.yml': SPEC,
          'stages/edge/edge.yml': 'stages: {}\n',
          'README.md': '# hi\n',
          'big.bin': 'x'.repeat(CONTENTS_INLINE_LIMIT_BYTES + 1),
        },
      },
      // a <- b <- c (main); a <- d (a branch)
      history: { a: [], b: ['a'], c: ['b'], d: ['a'] },
    });
  });
  after(() => fake.close());

  it('serves a file at a commit as base64 with its size and git blob sha', async () => {
    const file = await get(fake, `${REPO}/contents/stages/api.yml?ref=c1`);
    assert.equal(file.status, 200);
    const json = file.json as Record<string, unknown>;
    assert.equal(json['type'], 'file');
    assert.equal(json['encoding'], 'base64');
    assert.equal(Buffer.from(String(json['content']), 'base64').toString('utf8'), SPEC);
    assert.equal(json['size'], Buffer.byteLength(SPEC));
    // The blob id git itself gives the same bytes.
    const gitBlobSha = execFileSync('git', ['hash-object', '--stdin'], { input: SPEC });
    assert.equal(json['sha'], gitBlobSha.toString('utf8').trim());
  });

  it('sends no content for a file over 1 MiB, as GitHub does', async () => {
    const json = (await get(fake, `${REPO}/contents/big.bin?ref=c1`)).json as Record<
      string,
      unknown
    >;
    assert.equal(json['encoding'], 'none');
    assert.equal(json['content'], '');
    assert.equal(json['size'], CONTENTS_INLINE_LIMIT_BYTES + 1);
  });

  it('lists a folder, and answers 404 for a missing path or commit', async () => {
    const folder = await get(fake, `${REPO}/contents/stages?ref=c1`);
    assert.deepEqual(
      (folder.json as { name: string; type: string }[]).map((e) => [e.name, e.type]),
      [
        ['api.yml', 'file'],
        ['edge', 'dir'],
      ],
    );
    assert.equal((await get(fake, `${REPO}/contents/nope.yml?ref=c1`)).status, 404);
    assert.equal((await get(fake, `${REPO}/contents/stages/api.yml?ref=zz`)).status, 404);
  });

  it('serves the recursive tree of a commit: blobs and the folders above them', async () => {
    const tree = (await get(fake, `${REPO}/git/trees/c1?recursive=1`)).json as {
      tree: { path: string; type: string }[];
      truncated: boolean;
    };
    assert.equal(tree.truncated, false);
    assert.deepEqual(
      tree.tree.map((e) => `${e.type} ${e.path}`),
      [
        'blob big.bin',
        'blob README.md',
        'tree stages',
        'blob stages/api.yml',
        'tree stages/edge',
        'blob stages/edge/edge.yml',
      ],
    );
  });

  it('compares commits from the history: identical, ahead, behind, diverged', async () => {
    const compare = async (basehead: string) => {
      const json = (await get(fake, `${REPO}/compare/${basehead}`)).json as Record<string, unknown>;
      return [json['status'], json['ahead_by'], json['behind_by']];
    };
    assert.deepEqual(await compare('c...c'), ['identical', 0, 0]);
    assert.deepEqual(await compare('a...c'), ['ahead', 2, 0]);
    assert.deepEqual(await compare('c...a'), ['behind', 0, 2]);
    assert.deepEqual(await compare('c...d'), ['diverged', 1, 2]);
    assert.equal((await get(fake, `${REPO}/compare/a...nope`)).status, 404);
  });
});
