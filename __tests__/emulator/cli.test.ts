/**
 * The emulator's command line as users run it: a child process printing its address first, a
 * second process using the SDK through AWS_ENDPOINT_URL_CLOUDCONTROL alone, clean exit on signals,
 * and the APIs `--seed-from` seeds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { idForName } from '../../emulator/seed-from-specs.ts';
import { sdkClient } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));
const run = promisify(execFile);

/** Starts the CLI and resolves with its first stdout line and the rest of its lines as they come. */
async function startCli(
  args: string[],
): Promise<{ child: ChildProcess; firstLine: string; lines: string[] }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const lines: string[] = [];
  const firstLine = await new Promise<string>((resolve, reject) => {
    reader.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
  });
  reader.on('line', (line) => lines.push(line));
  return { child, firstLine, lines };
}

/** A script that knows nothing of the emulator: the SDK finds it through the environment. */
const CHILD_SCRIPT = `
import { CloudControlClient, GetResourceCommand, CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
const client = new CloudControlClient({});
const created = await client.send(new CreateResourceCommand({
  TypeName: 'AWS::ApiGateway::Stage',
  DesiredState: JSON.stringify({ RestApiId: 'abc1234567', StageName: 'prod', DeploymentId: 'dep001' }),
}));
let status = created.ProgressEvent.OperationStatus;
for (let i = 0; i < 500 && status === 'IN_PROGRESS'; i += 1) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  try {
    const got = await client.send(new GetResourceCommand({ TypeName: 'AWS::ApiGateway::Stage', Identifier: 'abc1234567|prod' }));
    status = 'SUCCESS';
    console.log(got.ResourceDescription.Properties);
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') throw error;
  }
}
`;

describe('emulator CLI', () => {
  it('prints its address first, serves an SDK configured only by AWS_ENDPOINT_URL_CLOUDCONTROL, and exits on SIGTERM', async () => {
    const { child, firstLine, lines } = await startCli([
      '--port',
      '0',
      '--operation-ms',
      '5',
      '--rest-api',
      'abc1234567:dep001',
      '--log-calls',
    ]);
    try {
      const match = /^Cloud Control emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(
        firstLine,
      );
      assert.ok(match, firstLine);
      assert.notEqual(match[2], '0');
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '--eval', CHILD_SCRIPT],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH,
            AWS_ENDPOINT_URL_CLOUDCONTROL: match[1],
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'AKIDCHILDTEST',
            AWS_SECRET_ACCESS_KEY: 'child-secret',
          },
        },
      );
      assert.deepEqual(JSON.parse(stdout.trim()), {
        RestApiId: 'abc1234567',
        StageName: 'prod',
        DeploymentId: 'dep001',
        TracingEnabled: false,
        CacheClusterEnabled: false,
      });
      assert.ok(
        lines.some((line) =>
          / CreateResource AWS::ApiGateway::Stage abc1234567\|prod .* -> ok \(200\)$/.test(line),
        ),
        lines.join('\n'),
      );
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('exits 0 on SIGINT', async () => {
    const { child, firstLine } = await startCli(['--port', '0']);
    assert.match(firstLine, /^Cloud Control emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('`npm run emulator` stops on SIGTERM sent to npm and frees its port', async () => {
    // npm forwards the signal to the script's process; when npm has exited, its child has too
    // (npm waits for it), so the port must be free at that moment, with no waiting.
    const npm = spawn('npm', ['run', '-s', 'emulator', '--', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const reader = createInterface({ input: npm.stdout });
    const [firstLine] = (await once(reader, 'line')) as [string];
    const port = Number(/:(\d+)$/.exec(firstLine)?.[1]);
    assert.ok(port > 0, firstLine);
    npm.kill('SIGTERM');
    await once(npm, 'exit');
    // An emulator left running would hold this pipe open and keep the test from ending.
    reader.close();
    npm.stdout.destroy();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => probe.close(resolve));
  });

  it('seeds the REST, HTTP and WebSocket APIs and deployments that spec files name', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--seed-from', 'examples/'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // Async iteration buffers lines, so none is lost between the reads.
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = String((await lines.next()).value);
      const seeded = [];
      for (let line = 0; line < 4; line += 1) seeded.push(String((await lines.next()).value));
      const url = /^Cloud Control emulator listening on (http:\/\/\S+)$/.exec(first)?.[1];
      assert.ok(url, first);
      // examples/deployments-from-elsewhere.yml names its API (`rest-api:`): seeded with that Name.
      assert.deepEqual(seeded.slice(0, 2).sort(), [
        'Seeded REST API 682a1c47a1 (payments-api) with deployments dep0001',
        'Seeded REST API abc1234 with deployments dep0001, xyz5678',
      ]);
      // examples/http-api-stages.yml names two V2 APIs (`api:`) and no deployments; its
      // WebSocket stage's `$connect` and `sendmessage` route keys make chat-socket a WebSocket API.
      assert.deepEqual(
        seeded.slice(2).sort(),
        [
          `Seeded HTTP API ${idForName('pets-http')} (pets-http)`,
          `Seeded WebSocket API ${idForName('chat-socket')} (chat-socket)`,
        ].sort(),
      );
      // Seeded in the emulator, not only said: Cloud Control lists them with Name and protocol.
      const client = sdkClient(url);
      const listed = await client.send(
        new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Api' }),
      );
      client.destroy();
      const apis = (listed.ResourceDescriptions ?? []).map((description) => {
        const { Name, ProtocolType } = JSON.parse(description.Properties ?? '{}') as Record<
          string,
          unknown
        >;
        return { Name, ProtocolType };
      });
      assert.deepEqual(
        apis.sort((a, b) => String(a.Name).localeCompare(String(b.Name))),
        [
          { Name: 'chat-socket', ProtocolType: 'WEBSOCKET' },
          { Name: 'pets-http', ProtocolType: 'HTTP' },
        ],
      );
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('prints help, and refuses a bad flag with exit code 2', async () => {
    const { stdout } = await run(process.execPath, [CLI, '--help'], { cwd: ROOT });
    assert.match(stdout, /^Usage: npm run emulator -- \[flags\]/);
    assert.match(stdout, /--latency-ms MS/);
    await assert.rejects(
      run(process.execPath, [CLI, '--bogus'], { cwd: ROOT }),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 2);
        assert.match(error.stderr ?? '', /unknown flag "--bogus"/);
        return true;
      },
    );
  });
});
