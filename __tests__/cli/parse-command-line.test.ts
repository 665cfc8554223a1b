import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../src/cli/commands.ts';
import { parseCommandLine, VERSION_TEXT } from '../../src/cli/parse-command-line.ts';
import { VERSION } from '../../src/version.ts';

const errorOf = (argv: string[]): string => {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'usage-error', JSON.stringify(parsed));
  return parsed.kind === 'usage-error' ? parsed.message : '';
};

const printed = (argv: string[]): string => {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'print', JSON.stringify(parsed));
  return parsed.kind === 'print' ? parsed.text : '';
};

describe('parseCommandLine', () => {
  it('parses plan and apply options with their defaults', () => {
    assert.deepEqual(parseCommandLine(['plan', '--specs', 'a/*.yml', '--specs=!a/old.yml']), {
      kind: 'run',
      command: 'plan',
      debug: false,
      values: {
        specs: ['a/*.yml', '!a/old.yml'],
        prune: false,
        yes: false,
        'no-color': false,
        concurrency: '10',
        'max-deletes': '10',
        'operation-timeout': '600',
      },
    });
    const apply = parseCommandLine(['apply', '--yes', '--prune', '--concurrency', '3', '--debug']);
    assert.equal(apply.kind === 'run' && apply.command, 'apply');
    assert.equal(apply.kind === 'run' && apply.debug, true);
    assert.deepEqual(apply.kind === 'run' && apply.values, {
      prune: true,
      yes: true,
      'no-color': false,
      concurrency: '3',
      'max-deletes': '10',
      'operation-timeout': '600',
    });
  });

  it('parses import options', () => {
    const parsed = parseCommandLine([
      'import',
      '--rest-api-id',
      'abc1234',
      '--stage',
      'prod',
      '--stage',
      'dev',
      '--out',
      'stages/payments.yml',
      '--ignore-changes',
      'DeploymentId',
    ]);
    assert.deepEqual(parsed.kind === 'run' && parsed.values, {
      'rest-api-id': 'abc1234',
      stage: ['prod', 'dev'],
      out: 'stages/payments.yml',
      'ignore-changes': ['DeploymentId'],
      concurrency: '10',
    });
  });

  it('parses the HTTP or WebSocket API flags of import', () => {
    for (const [flag, value] of [
      ['--api-id', 'z1mf4h761f'],
      ['--api', 'pets-http'],
    ] as const) {
      const parsed = parseCommandLine(['import', flag, value]);
      assert.deepEqual(parsed.kind === 'run' && parsed.values, {
        [flag.slice(2)]: value,
        concurrency: '10',
      });
    }
    assert.match(
      errorOf(['import', '--api-i', 'x']),
      /unknown option --api-i for import; did you mean --api-id\?/,
    );
    assert.match(errorOf(['import', '--api']), /--api needs a value \(NAME\)/);
  });

  it('answers --version and -v anywhere, even next to a mistake', () => {
    assert.equal(VERSION_TEXT, `stage-sync ${VERSION}`);
    for (const argv of [['--version'], ['-v'], ['plan', '--version'], ['import', '--bogus', '-v']])
      assert.equal(printed(argv), VERSION_TEXT);
  });

  it('answers -h and --help anywhere with the help of the command at hand', () => {
    const overall = printed(['--help']);
    for (const command of COMMANDS) {
      assert.match(
        overall,
        new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, '\\$&')}`, 'm'),
      );
      for (const argv of [
        [command.name, '-h'],
        [command.name, '--bogus', '--help'],
        ['help', command.name],
      ])
        assert.match(printed(argv), new RegExp(`^Usage: stage-sync ${command.name} `));
    }
    assert.equal(printed(['-h']), overall);
    assert.equal(printed(['help']), overall);
    assert.match(printed(['apply', '-h']), /^ {2}--yes +apply without asking/m);
    assert.match(printed(['import', '-h']), /^ {2}--rest-api-id ID +/m);
    assert.match(
      printed(['import', '-h']),
      /^ {2}--api-id ID +the HTTP or WebSocket API whose stages/m,
    );
    assert.match(
      printed(['import', '-h']),
      /^Usage: stage-sync import \(--rest-api-id ID \| --rest-api NAME \| --api-id ID \| --api NAME\)/,
    );
  });

  it('names an unknown command and suggests the near one', () => {
    assert.match(errorOf(['plann']), /unknown command "plann"; did you mean "plan"\?/);
    assert.match(errorOf(['imprt']), /did you mean "import"\?/);
    assert.match(
      errorOf(['destroy']),
      /unknown command "destroy" \(stages no spec declares are deleted by apply --prune\)/,
    );
    assert.match(errorOf([]), /which command\? plan, apply or import/);
    assert.match(errorOf(['--specs', 'x']), /--specs needs a command before it/);
    for (const argv of [['plann'], []])
      assert.match(errorOf(argv), /Run 'stage-sync --help' for every command\./);
  });

  it('names an unknown option, suggests the near one, and says which command has it', () => {
    assert.match(
      errorOf(['plan', '--spec', 'x']),
      /^stage-sync: unknown option --spec for plan; did you mean --specs\?\nRun 'stage-sync plan --help'/,
    );
    assert.match(
      errorOf(['plan', '--yes']),
      /unknown option --yes for plan \(--yes is an option of apply\)/,
    );
    assert.match(errorOf(['import', '--rest-apis', 'x']), /did you mean --rest-api\?/);
    assert.match(errorOf(['plan', '-x']), /unknown option -x for plan/);
  });

  it('says what is missing or extra', () => {
    assert.match(errorOf(['plan', '--specs']), /--specs needs a value \(GLOB\)/);
    assert.match(errorOf(['import', '--out', '--stage', 'prod']), /--out needs a value \(FILE\)/);
    assert.match(errorOf(['apply', '--yes=no']), /--yes takes no value/);
    assert.match(
      errorOf(['plan', 'stages/*.yml']),
      /plan takes no arguments, got "stages\/\*\.yml" \(spec files go after --specs: --specs 'stages\/\*\.yml'\)/,
    );
  });
});
