/**
 * One pull-request run of the bundle on a checked-in fixture workspace (`__fixtures__/workspaces/`),
 * against a fresh emulator and GitHub fake, so a test can assert on the annotations and on the
 * calls that did (or did not) reach AWS and GitHub.
 */
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { webhookExample } from '../github/webhook-examples.ts';
import { installationToken, startGitHubFake, type GitHubFake } from '../support/github-fake.ts';
import { runAction, type ActionRun } from '../support/run-action.ts';

export interface FixtureRun {
  readonly run: ActionRun;
  readonly emulator: RunningEmulator;
  readonly github: GitHubFake;
  close(): Promise<void>;
}

export async function planFixtureWorkspace(name: string): Promise<FixtureRun> {
  const workspace = new URL(`../../__fixtures__/workspaces/${name}/`, import.meta.url).pathname;
  const emulator = await startEmulator();
  const github = await startGitHubFake({
    tokens: { ghs_installation_token: installationToken() },
    pullRequests: [2],
  });
  const run = await runAction({
    workspace,
    eventName: 'pull_request',
    payload: webhookExample('pull_request', (p) => p.action === 'opened'),
    repository: 'Codertocat/Hello-World',
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url, GITHUB_API_URL: github.url },
  });
  return {
    run,
    emulator,
    github,
    close: async () => {
      await Promise.all([emulator.close(), github.close()]);
    },
  };
}
