/**
 * Runs the committed bundle (`dist/index.js`) in a child process the way a GitHub runner runs a
 * JavaScript action step: INPUT_* variables with action.yml's defaults filled in, the event
 * payload in a file named by GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * the workspace as the working directory. Returns what a workflow would see.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The bundle under test: the committed one, or one built elsewhere (`node scripts/bundle.ts DIR`). */
const BUNDLE = process.env.STAGE_SYNC_BUNDLE || join(ROOT, 'dist/index.js');

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
}

export interface RunActionOptions {
  readonly workspace: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly eventName: string;
  readonly payload: unknown;
  readonly repository?: string;
  readonly sha?: string;
  readonly ref?: string;
  /** GITHUB_TOKEN substituted for `${{ github.token }}`. */
  readonly token?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Send this signal after `killAfterMs` (SIGTERM, as a runner cancelling a job does). */
  readonly kill?: { readonly signal: NodeJS.Signals; readonly when: (stdout: string) => boolean };
}

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly title?: string;
  readonly message: string;
}

export interface ActionRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly annotations: Annotation[];
}

/** Inputs as the runner passes them: every action.yml default, then the workflow's `with:`. */
function inputEnvironment(
  inputs: Readonly<Record<string, string>>,
  token: string,
): Record<string, string> {
  const manifest = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionManifest;
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs)) {
    const value = inputs[name] ?? (input.default ?? '').replace('${{ github.token }}', token);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** GITHUB_OUTPUT uses `name<<DELIMITER ... DELIMITER` blocks (@actions/core's file command). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (match) {
      const [, name, delimiter] = match;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name as string] = value.join('\n');
    } else if (lines[i]?.includes('=')) {
      const [name, ...rest] = (lines[i] as string).split('=');
      outputs[name as string] = rest.join('=');
    }
  }
  return outputs;
}

const unescapeData = (text: string): string =>
  text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string): string =>
  unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** `::error file=a.yml,line=3,col=5,title=T::message` workflow commands from stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, level, props = '', message = ''] = match;
    const properties = Object.fromEntries(
      props
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [key, ...value] = pair.split('=');
          return [key, unescapeProperty(value.join('='))];
        }),
    ) as Record<string, string>;
    annotations.push({
      level: level as Annotation['level'],
      message: unescapeData(message),
      ...(properties.file ? { file: properties.file } : {}),
      ...(properties.line ? { line: Number(properties.line) } : {}),
      ...(properties.col ? { column: Number(properties.col) } : {}),
      ...(properties.title ? { title: properties.title } : {}),
    });
  }
  return annotations;
}

/**
 * The runner folders of this test process. A run's outputs may name files in its folder (the
 * `plan-json` output), which a test can read after the run, so they are removed when the test
 * process exits rather than after each run.
 */
const runnerDirs: string[] = [];
process.once('exit', () => {
  for (const dir of runnerDirs) rmSync(dir, { recursive: true, force: true });
});

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const runnerDir = mkdtempSync(join(tmpdir(), 'runner-'));
  runnerDirs.push(runnerDir);
  const eventPath = join(runnerDir, 'event.json');
  const outputPath = join(runnerDir, 'output.txt');
  const summaryPath = join(runnerDir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const token = options.token ?? 'ghs_installation_token';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerDir,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/platform-stages',
    GITHUB_SHA: options.sha ?? '4f1c7b1d2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c',
    GITHUB_REF: options.ref ?? 'refs/pull/1/merge',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1234567890',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ...inputEnvironment(options.inputs ?? {}, token),
    ...options.env,
  };
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: options.workspace,
    env,
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.kill && !killed && options.kill.when(stdout)) {
      killed = true;
      child.kill(options.kill.signal);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  );
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    annotations: parseAnnotations(stdout),
  };
}
