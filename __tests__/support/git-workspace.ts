/**
 * git in a test repository (a runner's checkout with its history): a fixed author, so commits
 * need no global git configuration.
 */
import { execFileSync } from 'node:child_process';

export function gitIn(workspace: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', ['-C', workspace, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'e2e',
        GIT_AUTHOR_EMAIL: 'e2e@example.com',
        GIT_COMMITTER_NAME: 'e2e',
        GIT_COMMITTER_EMAIL: 'e2e@example.com',
      },
    }).trim();
}
