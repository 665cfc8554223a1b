/**
 * Inputs and the runner's environment, read once into a typed, validated Config. This is the
 * only module that calls `core.getInput`; everything downstream receives plain values.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { INPUTS } from './action-io.ts';

export type Mode = 'auto' | 'plan' | 'apply';
export type PlanMismatchPolicy = 'warn' | 'fail';

/** What the runner tells a step about the workflow run (the GITHUB_* variables). */
export interface RunContext {
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** `owner/repo`. */
  readonly repository: string;
  readonly sha: string;
  readonly ref: string;
  readonly serverUrl: string;
  readonly apiUrl: string;
  readonly runId: string;
}

export interface Config {
  readonly workspace: string;
  readonly specPatterns: readonly string[];
  readonly mode: Mode;
  readonly githubToken: string;
  readonly comment: boolean;
  readonly prune: boolean;
  readonly awsRegion: string | undefined;
  readonly maxConcurrency: number;
  readonly operationTimeoutSeconds: number;
  readonly failOnChanges: boolean;
  readonly planMismatch: PlanMismatchPolicy;
  /** Most managed stages one plan may delete; more fails before any write (`max-deletes`). */
  readonly maxDeletes: number;
  /** The login whose comments are ours, when the token's own login is not it (`comment-author`). */
  readonly commentAuthor: string | undefined;
  readonly run: RunContext;
}

/** An input that cannot be used; its message names the input and what is allowed. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

type InputReader = (name: string) => string;

function oneOf<T extends string>(read: InputReader, name: string, allowed: readonly T[]): T {
  const value = read(name).trim();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `Input \`${name}\` is ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function flag(read: InputReader, name: string): boolean {
  const value = read(name).trim();
  // The YAML 1.2 core schema's spellings, as @actions/core's getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`Input \`${name}\` is ${JSON.stringify(value)}; allowed: true, false`);
}

function positiveInteger(read: InputReader, name: string, max: number): number {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > max) {
    throw new InputError(
      `Input \`${name}\` is ${JSON.stringify(value)}; it must be a whole number from 1 to ${max}`,
    );
  }
  return parsed;
}

function wholeNumber(read: InputReader, name: string, max: number): number {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > max) {
    throw new InputError(
      `Input \`${name}\` is ${JSON.stringify(value)}; it must be a whole number from 0 to ${max}`,
    );
  }
  return parsed;
}

/**
 * `owner/name` as GitHub spells repositories: the ownership tag's value, so it must never be
 * empty or malformed (an empty tag would make every untagged-looking stage "ours").
 */
const REPOSITORY_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function checkedRepository(repository: string, whence: string): string {
  if (!REPOSITORY_PATTERN.test(repository)) {
    throw new InputError(
      `${whence} is ${JSON.stringify(repository)}; stage-sync needs owner/repo to tag the stages it manages, and writes nothing without it`,
    );
  }
  return repository;
}

function readPayload(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(
      `Cannot read the event payload at GITHUB_EVENT_PATH (${path}): ${(error as Error).message}`,
    );
  }
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env),
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
  };
}

/**
 * Reads and validates every input. `read` defaults to @actions/core's getInput (INPUT_* variables,
 * whose defaults the runner fills in from action.yml).
 */
export function readConfig(
  read: InputReader = (name) => core.getInput(name),
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const specPatterns = read(INPUTS.specs)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (specPatterns.length === 0) throw new InputError('Input `specs` names no glob pattern');
  const run = readRunContext(env);
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    specPatterns,
    mode: oneOf(read, INPUTS.mode, ['auto', 'plan', 'apply'] as const),
    githubToken: read(INPUTS.githubToken),
    comment: flag(read, INPUTS.comment),
    prune: flag(read, INPUTS.prune),
    awsRegion:
      read(INPUTS.awsRegion).trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    maxConcurrency: positiveInteger(read, INPUTS.maxConcurrency, 100),
    operationTimeoutSeconds: positiveInteger(read, INPUTS.operationTimeoutSeconds, 86_400),
    failOnChanges: flag(read, INPUTS.failOnChanges),
    planMismatch: oneOf(read, INPUTS.planMismatch, ['warn', 'fail'] as const),
    maxDeletes: wholeNumber(read, INPUTS.maxDeletes, 100_000),
    commentAuthor: read(INPUTS.commentAuthor).trim() || undefined,
    run: { ...run, repository: checkedRepository(run.repository, 'GITHUB_REPOSITORY') },
  };
}
