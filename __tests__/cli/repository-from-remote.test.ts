import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repositoryFromRemote } from '../../src/cli/repository-from-remote.ts';

describe('repositoryFromRemote', () => {
  it('reads owner/repo from github.com https, ssh and scp-like remotes', () => {
    for (const remote of [
      'https://github.com/octo-org/platform-stages.git',
      'https://github.com/octo-org/platform-stages',
      'https://github.com/octo-org/platform-stages/',
      'https://x-access-token@github.com/octo-org/platform-stages.git',
      'http://GitHub.com/octo-org/platform-stages.git',
      'ssh://git@github.com/octo-org/platform-stages.git',
      'ssh://git@github.com:22/octo-org/platform-stages',
      'git@github.com:octo-org/platform-stages.git',
      'github.com:octo-org/platform-stages',
    ]) {
      assert.equal(repositoryFromRemote(remote), 'octo-org/platform-stages', remote);
    }
  });

  it('accepts the GitHub Enterprise Server host named by GITHUB_SERVER_URL', () => {
    const server = 'https://ghe.example.com';
    assert.equal(repositoryFromRemote('https://ghe.example.com/team/api.git', server), 'team/api');
    assert.equal(repositoryFromRemote('git@ghe.example.com:team/api.git', server), 'team/api');
    assert.equal(repositoryFromRemote('https://ghe.example.com/team/api.git'), undefined);
  });

  it('gives nothing for a local path, a file URL or another host', () => {
    for (const remote of [
      '/srv/x',
      '/srv/x.git',
      '../x',
      './srv/x',
      'srv/x',
      'file:///srv/x.git',
      'C:\\repos\\x',
      'C:/repos/x',
      'https://gitlab.com/octo-org/platform-stages.git',
      'git@gitlab.com:octo-org/platform-stages.git',
      'https://github.com.evil.example/octo-org/platform-stages.git',
      '',
    ]) {
      assert.equal(repositoryFromRemote(remote), undefined, remote);
    }
  });

  it('gives nothing when the path is not exactly owner/repo', () => {
    for (const remote of [
      'https://github.com/octo-org',
      'https://github.com/octo-org/platform-stages/tree/main',
      'https://github.com/octo-org/..',
      'https://github.com/-bad/x',
      'git@github.com:octo org/x.git',
    ]) {
      assert.equal(repositoryFromRemote(remote), undefined, remote);
    }
  });
});
