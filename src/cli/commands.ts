/**
 * The local command's commands and their options, as data: the parser, the suggestions for a
 * mistyped flag and every `--help` text are read from this one table, so they cannot disagree.
 */

export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** What the value is, for the help text (`GLOB`, `N`). Only for string options. */
  readonly value?: string;
  readonly help: string;
}

export type CommandName = 'plan' | 'apply' | 'import';

export interface CommandSpec {
  readonly name: CommandName;
  /** One line, for `stage-sync --help`. */
  readonly summary: string;
  /** What follows the command in the usage line. */
  readonly synopsis: string;
  readonly options: readonly OptionSpec[];
}

/** Accepted by every command (and with no command at all). */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'debug', type: 'boolean', help: 'on a failure, also print the stack trace' },
  { name: 'version', type: 'boolean', short: 'v', help: "print stage-sync's version" },
  { name: 'help', type: 'boolean', short: 'h', help: 'this help' },
];

const AWS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    help: 'AWS region (default: AWS_REGION, or the profile’s region)',
  },
  {
    name: 'endpoint',
    type: 'string',
    value: 'URL',
    help: 'Cloud Control and API Gateway V2 endpoint, e.g. the emulator’s, which serves both (default: AWS_ENDPOINT_URL_CLOUDCONTROL and AWS_ENDPOINT_URL_APIGATEWAYV2)',
  },
  {
    name: 'repository',
    type: 'string',
    value: 'O/R',
    help: 'owner/repo of the stage-sync:managed-by tag (default: GITHUB_REPOSITORY, else the git remote "origin")',
  },
  {
    name: 'concurrency',
    type: 'string',
    value: 'N',
    help: 'most calls in flight (default 10)',
  },
];

const PLAN_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'specs',
    type: 'string',
    multiple: true,
    value: 'GLOB',
    help: 'spec files, relative to the current directory (repeatable; default stages/**/*.yml and stages/**/*.yaml; !GLOB excludes)',
  },
  {
    name: 'prune',
    type: 'boolean',
    help: 'also plan deleting stages this repository manages that no spec declares',
  },
  {
    name: 'max-deletes',
    type: 'string',
    value: 'N',
    help: 'most managed stages one plan may delete; a plan deleting more is shown, never applied (default 10)',
  },
  ...AWS_OPTIONS,
  { name: 'no-color', type: 'boolean', help: 'plain text even on a terminal' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'plan',
    summary: 'show what apply would change, and change nothing',
    synopsis: '[options]',
    options: PLAN_OPTIONS,
  },
  {
    name: 'apply',
    summary: 'plan, ask, then create, update (and with --prune delete) the stages',
    synopsis: '[options]',
    options: [
      ...PLAN_OPTIONS,
      { name: 'yes', type: 'boolean', help: 'apply without asking for confirmation' },
      {
        name: 'operation-timeout',
        type: 'string',
        value: 'S',
        help: 'seconds one create, update or delete may take before it is cancelled (default 600)',
      },
    ],
  },
  {
    name: 'import',
    summary: "write a spec file for an API's existing stages (prints it without --out)",
    synopsis: '(--rest-api-id ID | --rest-api NAME | --api-id ID | --api NAME) [options]',
    options: [
      {
        name: 'rest-api-id',
        type: 'string',
        value: 'ID',
        help: 'the REST API whose stages to import',
      },
      {
        name: 'rest-api',
        type: 'string',
        value: 'NAME',
        help: 'the REST API, by its name (looked up among the region’s REST APIs)',
      },
      {
        name: 'api-id',
        type: 'string',
        value: 'ID',
        help: 'the HTTP or WebSocket API whose stages to import (instead of a REST API)',
      },
      {
        name: 'api',
        type: 'string',
        value: 'NAME',
        help: 'the HTTP or WebSocket API, by its name (looked up among the region’s HTTP and WebSocket APIs)',
      },
      {
        name: 'stage',
        type: 'string',
        multiple: true,
        value: 'NAME',
        help: 'import only this stage (repeatable; default: every stage); also imports a stage another repository manages',
      },
      {
        name: 'out',
        type: 'string',
        value: 'FILE',
        help: 'write the spec file here (default: print it)',
      },
      {
        name: 'ignore-changes',
        type: 'string',
        multiple: true,
        value: 'PROPERTY',
        help: 'write `ignore-changes: [PROPERTY]` into the file, e.g. DeploymentId (repeatable)',
      },
      ...AWS_OPTIONS,
    ],
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
