/**
 * The README's "Against the emulator" commands, run as a user runs them: the emulator command in
 * one process, the second block in bash, with `npx stage-sync` resolving to this clone's bin (the
 * bundled CLI). Only the port differs: a free one instead of 4566, so parallel runs do not clash.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${ROOT}`), 'utf8');

function emulatorBlocks(): { emulator: string; commands: string } {
  const section = readme.slice(readme.indexOf('**Against the emulator**'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const [emulator = '', commands = ''] = blocks;
  return { emulator: emulator.trim(), commands };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("the README's emulator commands work exactly as written", async (t) => {
  const { emulator, commands } = emulatorBlocks();
  assert.equal(emulator, 'npm run -s emulator -- --seed-from examples/');
  assert.match(commands, /AWS_ENDPOINT_URL_CLOUDCONTROL=http:\/\/127\.0\.0\.1:4566/);
  const port = await freePort();
  const env = {
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };

  const server = spawn('bash', ['-c', `${emulator} --port ${port}`], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  assert.match(String((await lines.next()).value), /^Cloud Control emulator listening on /);
  // The examples name REST API abc1234 by id, payments-api by name (`rest-api:`), and an HTTP
  // and a WebSocket API by name (`api:`).
  const seeded: unknown[] = [];
  for (let line = 0; line < 4; line++) seeded.push((await lines.next()).value);
  assert.deepEqual(seeded.map(String).sort(), [
    'Seeded HTTP API df5d08d99f (pets-http)',
    'Seeded REST API 682a1c47a1 (payments-api) with deployments dep0001',
    'Seeded REST API abc1234 with deployments dep0001, xyz5678',
    'Seeded WebSocket API 5fd403c212 (chat-socket)',
  ]);

  const script = `set -e\n${commands.replaceAll('127.0.0.1:4566', `127.0.0.1:${port}`)}`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, env });
  assert.match(stdout, /Plan: 6 to create, 0 to update, 0 to delete, 0 unchanged\./);
  assert.match(stdout, /Apply complete: 6 stages applied\./);
  assert.match(stdout, /No changes\. All 6 declared stages already match AWS\./);
  const imported = stdout.slice(stdout.indexOf('# Imported by `stage-sync import`'));
  assert.match(imported, /^defaults:\n {2}RestApiId: abc1234\n/m);
  for (const stageName of ['production', 'staging', 'cached'])
    assert.match(imported, new RegExp(`^ {4}StageName: ${stageName}$`, 'm'));
});
