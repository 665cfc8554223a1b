/** The `--help` texts, written from the command table (commands.ts). */
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './commands.ts';

const LEFT_WIDTH = 24;
const WRAP_AT = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

function optionLines(option: OptionSpec): string[] {
  const flag = `${option.short ? `-${option.short}, ` : ''}--${option.name}${option.value ? ` ${option.value}` : ''}`;
  const left = `  ${flag}`;
  const [first = '', ...more] = wrap(option.help, WRAP_AT - LEFT_WIDTH - 1);
  const indent = ' '.repeat(LEFT_WIDTH + 1);
  const head =
    left.length <= LEFT_WIDTH
      ? [`${left.padEnd(LEFT_WIDTH)} ${first}`]
      : [left, `${indent}${first}`];
  return [...head, ...more.map((line) => `${indent}${line}`)];
}

const ENVIRONMENT = [
  'AWS: the standard SDK environment: AWS_REGION, credentials (AWS_ACCESS_KEY_ID and',
  'AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), and AWS_ENDPOINT_URL_CLOUDCONTROL for the emulator.',
];

/** `stage-sync --help`: every command and the options they share. */
export function overallUsage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: stage-sync <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options of every command:',
    ...GLOBAL_OPTIONS.flatMap(optionLines),
    '',
    ...ENVIRONMENT,
    '',
    "Run 'stage-sync <command> --help' for a command's options.",
  ].join('\n');
}

/** `stage-sync COMMAND --help`. */
export function commandUsage(command: CommandSpec): string {
  return [
    `Usage: stage-sync ${command.name} ${command.synopsis}`,
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...[...command.options, ...GLOBAL_OPTIONS].flatMap(optionLines),
    '',
    ...ENVIRONMENT,
  ].join('\n');
}
