/**
 * argv -> what to do, without side effects. `-h`/`--help` and `-v`/`--version` win wherever they
 * appear; an unknown command or flag, a missing value or a stray argument is a usage error that
 * says what was wrong and, when a known name is near, which one was meant.
 */
import { parseArgs } from 'node:util';
import { closestName } from '../desired/closest-name.ts';
import { VERSION } from '../version.ts';
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  commandSpec,
  type CommandName,
  type CommandSpec,
  type OptionSpec,
} from './commands.ts';
import { commandUsage, overallUsage } from './usage.ts';

/** The options of `plan` and `apply`, with their defaults applied. */
export interface PlanApplyValues {
  readonly specs?: string[];
  readonly prune: boolean;
  readonly repository?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly concurrency: string;
  readonly 'max-deletes': string;
  readonly 'operation-timeout': string;
  readonly yes: boolean;
  readonly 'no-color': boolean;
}

export interface ImportValues {
  readonly 'rest-api-id'?: string;
  readonly 'rest-api'?: string;
  readonly 'api-id'?: string;
  readonly api?: string;
  readonly stage?: string[];
  readonly out?: string;
  readonly 'ignore-changes'?: string[];
  readonly repository?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly concurrency: string;
}

export type ParsedCommandLine =
  /** Print `text` to stdout and exit 0. */
  | { readonly kind: 'print'; readonly text: string }
  /** Print `message` to stderr and exit 2. */
  | { readonly kind: 'usage-error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly command: 'plan' | 'apply';
      readonly values: PlanApplyValues;
      readonly debug: boolean;
    }
  | {
      readonly kind: 'run';
      readonly command: 'import';
      readonly values: ImportValues;
      readonly debug: boolean;
    };

export const VERSION_TEXT = `stage-sync ${VERSION}`;

const usageError = (message: string, command?: CommandSpec): ParsedCommandLine => ({
  kind: 'usage-error',
  message: `stage-sync: ${message}\n${command ? `Run 'stage-sync ${command.name} --help' for its options.` : "Run 'stage-sync --help' for every command."}`,
});

const flagOf = (option: OptionSpec): string => `--${option.name}`;

/** `--name`, `--name=value` or `-x`: the option's name as typed, and its inline value. */
function splitFlag(arg: string): { name: string; inline?: string } {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 0
    ? { name: arg.slice(0, equals), inline: arg.slice(equals + 1) }
    : { name: arg };
}

function findOption(options: readonly OptionSpec[], typed: string): OptionSpec | undefined {
  return options.find((option) =>
    typed.startsWith('--') ? flagOf(option) === typed : `-${option.short}` === typed,
  );
}

/**
 * Checks every flag against the command's options before node's parser sees them, so that each
 * mistake gets its own sentence rather than ERR_PARSE_ARGS_UNKNOWN_OPTION.
 */
function checkFlags(args: readonly string[], command: CommandSpec): ParsedCommandLine | undefined {
  const options = [...command.options, ...GLOBAL_OPTIONS];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') {
      return usageError(
        `${command.name} takes no arguments, got "${arg}"${arg.includes('*') || arg.endsWith('.yml') || arg.endsWith('.yaml') ? ` (spec files go after --specs: --specs '${arg}')` : ''}`,
        command,
      );
    }
    const { name, inline } = splitFlag(arg);
    const option = findOption(options, name);
    if (!option) {
      const suggestion = closestName(
        name.replace(/^-+/, ''),
        options.map((o) => o.name),
      );
      const elsewhere = COMMANDS.filter(
        (other) => other !== command && findOption(other.options, name),
      ).map((other) => other.name);
      return usageError(
        `unknown option ${name} for ${command.name}` +
          (suggestion ? `; did you mean --${suggestion}?` : '') +
          (elsewhere.length > 0 ? ` (${name} is an option of ${elsewhere.join(' and ')})` : ''),
        command,
      );
    }
    if (option.type === 'boolean') {
      if (inline !== undefined)
        return usageError(`${flagOf(option)} takes no value, got "${arg}"`, command);
      continue;
    }
    if (inline !== undefined) continue;
    const next = args[i + 1];
    if (next === undefined || (next.startsWith('--') && next.length > 2)) {
      return usageError(`${flagOf(option)} needs a value (${option.value ?? 'VALUE'})`, command);
    }
    i += 1;
  }
  return undefined;
}

function nodeOptions(
  command: CommandSpec,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  return Object.fromEntries(
    [...command.options, ...GLOBAL_OPTIONS].map((option) => [
      option.name,
      {
        type: option.type,
        ...(option.multiple ? { multiple: true } : {}),
        ...(option.short ? { short: option.short } : {}),
      },
    ]),
  );
}

const wants = (args: readonly string[], long: string, short: string): boolean => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === long || arg === short);
};

/** Parses argv (without node and the script). */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === 'help') {
    const about = rest[0] === undefined ? undefined : commandSpec(rest[0]);
    return { kind: 'print', text: about ? commandUsage(about) : overallUsage() };
  }
  const command = first === undefined || first.startsWith('-') ? undefined : commandSpec(first);
  const args = command ? rest : argv;
  if (wants(argv, '--version', '-v')) return { kind: 'print', text: VERSION_TEXT };
  if (wants(argv, '--help', '-h'))
    return { kind: 'print', text: command ? commandUsage(command) : overallUsage() };
  if (!command) {
    if (first === undefined) return usageError('which command? plan, apply or import');
    if (first.startsWith('-')) {
      return usageError(`${first} needs a command before it: stage-sync plan ${first} ...`);
    }
    const suggestion = closestName(
      first,
      COMMANDS.map((c) => c.name),
    );
    return usageError(
      `unknown command "${first}"${suggestion ? `; did you mean "${suggestion}"?` : ''}` +
        (first === 'destroy' || first === 'delete'
          ? ' (stages no spec declares are deleted by apply --prune)'
          : ''),
    );
  }
  const problem = checkFlags(args, command);
  if (problem) return problem;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({ args: [...args], options: nodeOptions(command), strict: true })
      .values as typeof values;
  } catch (error) {
    // checkFlags has seen every flag; this is only a guard for a case it does not know.
    return usageError(error instanceof Error ? error.message : String(error), command);
  }
  const debug = values.debug === true;
  return withDefaults(command.name, values, debug);
}

function withDefaults(
  name: CommandName,
  values: Record<string, string | boolean | string[] | undefined>,
  debug: boolean,
): ParsedCommandLine {
  const { debug: _debug, help: _help, version: _version, ...own } = values;
  const concurrency = typeof own.concurrency === 'string' ? own.concurrency : '10';
  if (name === 'import') {
    return {
      kind: 'run',
      command: name,
      debug,
      values: { ...own, concurrency } as ImportValues,
    };
  }
  return {
    kind: 'run',
    command: name,
    debug,
    values: {
      ...own,
      prune: own.prune === true,
      yes: own.yes === true,
      'no-color': own['no-color'] === true,
      concurrency,
      'max-deletes': typeof own['max-deletes'] === 'string' ? own['max-deletes'] : '10',
      'operation-timeout':
        typeof own['operation-timeout'] === 'string' ? own['operation-timeout'] : '600',
    } as PlanApplyValues,
  };
}
