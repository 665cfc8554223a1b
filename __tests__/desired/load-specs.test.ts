import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadSpecs, type SpecFile } from '../../src/desired/load-specs.ts';
import { stagesById } from '../../src/desired/spec-stage.ts';

const VALID_STAGE = 'RestApiId: api1\n    DeploymentId: dep1';

/** A one-stage spec whose stage `S` has `lines` (indented 4) after a valid RestApiId/DeploymentId. */
function stageSpec(lines: string): string {
  return `stages:\n  S:\n    ${VALID_STAGE}\n${lines.replace(/^/gm, '    ')}\n`;
}

interface RuleCase {
  readonly rule: string;
  readonly text: string;
  readonly line: number;
  readonly column?: number;
  readonly property?: string;
  readonly message: RegExp;
}

// Each rule the issue names, with the fixture that breaks it and where the annotation must point.
const RULES: readonly RuleCase[] = [
  {
    rule: 'RestApiId required',
    text: 'stages:\n  S:\n    StageName: prod\n    DeploymentId: d\n',
    line: 2,
    column: 3,
    property: 'RestApiId',
    message: /stage S is missing RestApiId, which is required/,
  },
  {
    rule: 'StageName required',
    text: 'stages:\n  S:\n    RestApiId: a\n    DeploymentId: d\n',
    line: 2,
    property: 'StageName',
    message: /missing StageName/,
  },
  {
    rule: 'DeploymentId required',
    text: 'stages:\n  S:\n    RestApiId: a\n    StageName: prod\n',
    line: 2,
    property: 'DeploymentId',
    message: /missing DeploymentId/,
  },
  {
    rule: 'StageName characters',
    text: stageSpec('StageName: "prod stage!"'),
    line: 5,
    column: 16,
    property: 'StageName',
    message: /StageName is "prod stage!"; it must be letters, digits, hyphens and underscores/,
  },
  {
    rule: 'StageName length',
    text: stageSpec(`StageName: ${'a'.repeat(129)}`),
    line: 5,
    property: 'StageName',
    message: /129 characters long; at most 128/,
  },
  {
    rule: 'lengths count characters: 128 letters outside the BMP make a tag key of 128',
    text: stageSpec(
      `StageName: p\nTags:\n  - { Key: ${'\u{20000}'.repeat(128)}, Value: v }\n  - { Key: ${'\u{20000}'.repeat(129)}, Value: v }`,
    ),
    line: 8,
    property: 'Tags[1].Key',
    message: /Tags\[1\]\.Key is 129 characters long; at most 128 are allowed/,
  },
  {
    rule: 'LoggingLevel values',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - HttpMethod: GET\n    ResourcePath: /\n    LoggingLevel: DEBUG',
    ),
    line: 9,
    column: 23,
    property: 'MethodSettings[0].LoggingLevel',
    message: /LoggingLevel is "DEBUG"; allowed: OFF, ERROR, INFO/,
  },
  {
    rule: 'CacheClusterSize values',
    text: stageSpec("StageName: p\nCacheClusterSize: '0.6'"),
    line: 6,
    property: 'CacheClusterSize',
    message: /allowed: 0\.5, 1\.6, 6\.1, 13\.5, 28\.4, 58\.2, 118, 237/,
  },
  {
    rule: 'CacheClusterSize is a string',
    text: stageSpec('StageName: p\nCacheClusterSize: 0.5'),
    line: 6,
    property: 'CacheClusterSize',
    message: /must be a string; got number 0\.5 \(quote it: '0\.5'\)/,
  },
  {
    rule: 'PercentTraffic at most 100',
    text: stageSpec('StageName: p\nCanarySetting:\n  PercentTraffic: 101'),
    line: 7,
    column: 23,
    property: 'CanarySetting.PercentTraffic',
    message: /is 101; it must be at most 100/,
  },
  {
    rule: 'PercentTraffic at least 0',
    text: stageSpec('StageName: p\nCanarySetting:\n  PercentTraffic: -1'),
    line: 7,
    property: 'CanarySetting.PercentTraffic',
    message: /at least 0/,
  },
  {
    rule: 'tag key length',
    text: stageSpec(`StageName: p\nTags:\n  - Key: ${'k'.repeat(129)}\n    Value: v`),
    line: 7,
    property: 'Tags[0].Key',
    message: /at most 128/,
  },
  {
    rule: 'tag value length',
    text: stageSpec(`StageName: p\nTags:\n  - Key: k\n    Value: ${'v'.repeat(257)}`),
    line: 8,
    property: 'Tags[0].Value',
    message: /at most 256/,
  },
  {
    rule: 'tag key not empty',
    text: stageSpec("StageName: p\nTags:\n  - Key: ''\n    Value: v"),
    line: 7,
    property: 'Tags[0].Key',
    message: /must not be empty/,
  },
  {
    rule: 'tag needs a value',
    text: stageSpec('StageName: p\nTags:\n  - Key: k'),
    line: 7,
    property: 'Tags[0]',
    message: /Tags\[0\] is missing Value/,
  },
  {
    rule: 'aws: tag keys are reserved',
    text: stageSpec('StageName: p\nTags:\n  - { Key: "aws:x", Value: v }'),
    line: 7,
    property: 'Tags[0].Key',
    message: /not starting with aws:/,
  },
  {
    rule: "the applied-commit tag is the apply's",
    text: stageSpec('StageName: p\nTags:\n  - { Key: "stage-sync:commit", Value: v }'),
    line: 7,
    property: 'Tags[0].Key',
    message: /neither stage-sync:managed-by nor stage-sync:commit \(set by stage-sync\)/,
  },
  {
    rule: 'the ownership tag is stage-sync’s',
    text: stageSpec('StageName: p\nTags:\n  - { Key: "stage-sync:managed-by", Value: some/one }'),
    line: 7,
    property: 'Tags[0].Key',
    message: /neither stage-sync:managed-by nor stage-sync:commit \(set by stage-sync\)/,
  },
  {
    rule: 'at most 48 tags with those from defaults',
    text: `defaults:\n  Tags:\n${Array.from({ length: 30 }, (_, i) => `    - { Key: d${i}, Value: v }`).join('\n')}\n${stageSpec(
      `StageName: p\nTags:\n${Array.from({ length: 30 }, (_, i) => `  - { Key: k${i}, Value: v }`).join('\n')}`,
    )}`,
    line: 38,
    property: 'Tags',
    message: /stage S: Tags has 60 entries with the 30 from `defaults:`; at most 48 are allowed/,
  },
  {
    rule: 'at most 48 tags: AWS allows 50 and stage-sync writes two',
    text: stageSpec(
      `StageName: p\nTags:\n${Array.from({ length: 49 }, (_, i) => `  - { Key: k${i}, Value: v }`).join('\n')}`,
    ),
    line: 7,
    property: 'Tags',
    message: /Tags has 49 entries; at most 48 are allowed/,
  },
  {
    rule: 'one tag per key',
    text: stageSpec('StageName: p\nTags:\n  - { Key: a, Value: "1" }\n  - { Key: a, Value: "2" }'),
    line: 8,
    property: 'Tags[1]',
    message: /repeats the tag key "a"/,
  },
  {
    rule: 'stage variable names',
    text: stageSpec('StageName: p\nVariables:\n  my-var: x'),
    line: 7,
    column: 7,
    property: 'Variables.my-var',
    message: /Variables name "my-var" is not allowed; it must be letters, digits and underscores/,
  },
  {
    rule: 'stage variable values',
    text: stageSpec('StageName: p\nVariables:\n  v: "has space"'),
    line: 7,
    property: 'Variables.v',
    message: /Variables\.v is "has space"/,
  },
  {
    rule: 'stage variable value length',
    text: stageSpec(`StageName: p\nVariables:\n  v: ${'x'.repeat(513)}`),
    line: 7,
    property: 'Variables.v',
    message: /at most 512/,
  },
  {
    rule: 'canary variable overrides',
    text: stageSpec('StageName: p\nCanarySetting:\n  StageVariableOverrides:\n    "a b": x'),
    line: 8,
    property: 'CanarySetting.StageVariableOverrides.a b',
    message: /not allowed/,
  },
  {
    rule: 'integers where the schema says integer',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - { HttpMethod: GET, ResourcePath: /, ThrottlingBurstLimit: 10.5 }',
    ),
    line: 7,
    property: 'MethodSettings[0].ThrottlingBurstLimit',
    message: /must be a whole number; got number 10\.5/,
  },
  {
    rule: 'throttling not negative',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - { HttpMethod: GET, ResourcePath: /, ThrottlingRateLimit: -5 }',
    ),
    line: 7,
    property: 'MethodSettings[0].ThrottlingRateLimit',
    message: /at least 0/,
  },
  {
    rule: 'booleans are not strings',
    text: stageSpec('StageName: p\nTracingEnabled: "true"'),
    line: 6,
    property: 'TracingEnabled',
    message: /must be true or false; got the string "true" \(remove the quotes/,
  },
  {
    rule: 'YAML 1.1 booleans are text in YAML 1.2, and nothing was quoted',
    text: stageSpec('StageName: p\nTracingEnabled: yes'),
    line: 6,
    property: 'TracingEnabled',
    message:
      /got the string "yes" \(write true or false: YAML 1\.2 reads yes, no, on and off as text\)$/,
  },
  {
    rule: 'digits grouped with _ are text in YAML 1.2',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - { HttpMethod: GET, ResourcePath: /, ThrottlingBurstLimit: 1_000 }',
    ),
    line: 7,
    property: 'MethodSettings[0].ThrottlingBurstLimit',
    message: /got the string "1_000" \(write it without _: YAML 1\.2 reads 1_000 as text\)$/,
  },
  {
    rule: 'a number that is no number is named as YAML writes it',
    text: stageSpec('StageName: p\nCanarySetting: { PercentTraffic: .nan }'),
    line: 6,
    property: 'CanarySetting.PercentTraffic',
    message: /must be a number; got number \.nan$/,
  },
  {
    rule: 'one method setting per path and method',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - HttpMethod: GET\n    ResourcePath: /orders/{id}\n    MetricsEnabled: true\n  - HttpMethod: GET\n    ResourcePath: /~1orders~1{id}\n    LoggingLevel: INFO',
    ),
    line: 10,
    property: 'MethodSettings[1]',
    message:
      /repeats the method setting for GET \/orders\/\{id\} already set by MethodSettings\[0\]/,
  },
  {
    rule: 'method setting needs HttpMethod',
    text: stageSpec('StageName: p\nMethodSettings:\n  - { ResourcePath: /, MetricsEnabled: true }'),
    line: 7,
    property: 'MethodSettings[0]',
    message: /missing HttpMethod/,
  },
  {
    rule: 'ResourcePath starts with /',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - { HttpMethod: GET, ResourcePath: orders, MetricsEnabled: true }',
    ),
    line: 7,
    property: 'MethodSettings[0].ResourcePath',
    message: /must be a path starting with \//,
  },
  {
    rule: 'unknown property with suggestion',
    text: stageSpec('StageName: p\nDescripton: hello'),
    line: 6,
    column: 5,
    property: 'Descripton',
    message: /Descripton is not a property of a stage; did you mean Description\?/,
  },
  {
    rule: 'unknown nested property',
    text: stageSpec(
      'StageName: p\nAccessLogSetting:\n  DestinationArn: arn:x\n  Formatt: $context.requestId',
    ),
    line: 8,
    property: 'AccessLogSetting.Formatt',
    message: /did you mean Format\?/,
  },
  {
    rule: 'property with no value',
    text: stageSpec('StageName: p\nDescription:'),
    line: 6,
    property: 'Description',
    message: /Description has no value/,
  },
  {
    rule: 'wrong type for a list',
    text: stageSpec('StageName: p\nTags: {Key: a, Value: b}'),
    line: 6,
    property: 'Tags',
    message: /Tags must be a list; got a mapping/,
  },
  { rule: 'YAML syntax error', text: 'stages:\n  S: [1,\n', line: 3, message: /YAML syntax error/ },
  {
    rule: 'duplicate YAML key',
    text: 'stages:\n  S:\n    StageName: a\n    StageName: b\n',
    line: 4,
    column: 5,
    message: /^duplicate key "StageName": it is already written at line 3 of this mapping/,
  },
  { rule: 'empty file', text: '', line: 1, message: /the file is empty/ },
  { rule: 'comments only', text: '# nothing here\n', line: 1, message: /the file is empty/ },
  {
    rule: 'top level not a mapping',
    text: '- a\n- b\n',
    line: 1,
    message: /top level must be a mapping/,
  },
  {
    rule: 'binary garbage',
    text: 'stages:\u0000\u0001\uFFFD',
    line: 1,
    message: /not a YAML text file/,
  },
  {
    rule: 'unknown section',
    text: `${stageSpec('StageName: p')}default:\n  RestApiId: x\n`,
    line: 6,
    column: 1,
    message: /`default` is not a spec file section.*did you mean `defaults`/,
  },
  {
    rule: 'no stages section',
    text: 'defaults:\n  RestApiId: a\n',
    line: 1,
    message: /no `stages:` mapping/,
  },
  {
    rule: 'stage is not a mapping',
    text: 'stages:\n  S: prod\n',
    line: 2,
    message: /stage S must be a mapping/,
  },
  {
    rule: 'more than one YAML document',
    text: 'stages: {}\n---\nstages: {}\n',
    line: 2,
    column: 1,
    message: /one YAML document; a second one starts here/,
  },
  {
    rule: 'YAML merge key',
    text: 'common: &common\n  RestApiId: a\nstages:\n  S:\n    <<: *common\n    StageName: p\n',
    line: 5,
    column: 5,
    message: /^YAML merge keys \(`<<`\) are not supported: put shared properties in `defaults:`/,
  },
  {
    rule: '`__proto__` as a stage property',
    text: stageSpec('StageName: p\n__proto__:\n  Description: hidden'),
    line: 6,
    column: 5,
    property: '__proto__',
    message: /`__proto__` cannot be used as a key in a spec/,
  },
  {
    rule: '`__proto__` as a Variables key',
    text: stageSpec('StageName: p\nVariables:\n  ok: "1"\n  __proto__: x'),
    line: 8,
    column: 7,
    property: 'Variables.__proto__',
    message: /`__proto__` cannot be used as a key in a spec/,
  },
  {
    rule: 'unquoted `{` path in a flow mapping',
    text: stageSpec(
      'StageName: p\nMethodSettings:\n  - { HttpMethod: GET, ResourcePath: /orders/{id} }',
    ),
    line: 7,
    message:
      /YAML syntax error: .*\(in a flow mapping `\{ \.\.\. \}`, quote a path containing `\{`/,
  },
  {
    rule: 'problem inside defaults',
    text: `defaults:\n  TracingEnabled: yes\n${stageSpec('StageName: p')}`,
    line: 2,
    property: 'TracingEnabled',
    message: /^defaults: TracingEnabled must be true or false/,
  },
];

describe('loadSpecs: one annotation per broken rule, at its file, line and property', () => {
  for (const rule of RULES) {
    test(rule.rule, () => {
      const { stages, problems } = loadSpecs([{ path: 'stages/broken.yml', text: rule.text }]);
      assert.equal(stages.length, 0, 'nothing is planned while a problem exists');
      const problem = problems.find((p) => rule.message.test(p.message));
      assert.ok(
        problem,
        `expected a problem matching ${rule.message}; got ${JSON.stringify(problems, null, 1)}`,
      );
      assert.equal(problem.file, 'stages/broken.yml');
      assert.equal(problem.line, rule.line, `line of: ${problem.message}`);
      if (rule.column !== undefined)
        assert.equal(problem.column, rule.column, `column of: ${problem.message}`);
      if (rule.property !== undefined) assert.equal(problem.property, rule.property);
    });
  }
});

describe('loadSpecs: hostile and oversized input', () => {
  test('a merge key is one problem, not a cascade of knock-on ones', () => {
    const text = [
      'x: &common',
      '  RestApiId: a',
      '  DeploymentId: d',
      'stages:',
      '  A:',
      '    <<: *common',
      '    StageName: a',
      '  B:',
      '    <<: *common',
      '    StageName: b',
    ].join('\n');
    const { problems } = loadSpecs([{ path: 'stages/m.yml', text }]);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0]?.message ?? '', /not supported \(also at line 9\)/);
  });

  test('an alias bomb is one problem at the alias that overflows, found before expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const { problems } = loadSpecs([{ path: 'stages/bomb.yml', text: lines.join('\n') }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /YAML aliases expand this file past 10,000 values/);
    assert.equal(problems[0]?.line, 4);
  });

  test('defaults copied into many stages are held to a size, at the defaults', () => {
    // Under 1 MiB on disk; merged, a thousand stages would be 900 million characters.
    const text = [
      'defaults:',
      `  RestApiId: api1\n  DeploymentId: dep1\n  Description: ${'x'.repeat(900_000)}`,
      'stages:',
      ...Array.from({ length: 1000 }, (_, i) => `  S${i}: { StageName: s${i} }`),
    ].join('\n');
    const { problems, stages } = loadSpecs([{ path: 'stages/wide.yml', text }]);
    assert.deepEqual(stages, []);
    assert.equal(problems.length, 1, JSON.stringify(problems.map((p) => p.message)));
    assert.match(problems[0]?.message ?? '', /more than 32 MiB of properties by stage S37/);
    assert.deepEqual([problems[0]?.file, problems[0]?.line], ['stages/wide.yml', 1]);
  });

  test('a problem under a key YAML resolves (1.10, ~, an escape) is at that key, not another', () => {
    const text = [
      'defaults: { RestApiId: abc, DeploymentId: d1 }',
      'stages:',
      '  Prod:',
      '    StageName: prod',
      '  1.10:',
      '    StageName: v110',
      '    TracingEnabled: "true"',
      '  "Te\\x73t":',
      '    StageName: test',
      '    Descripton: x',
    ].join('\n');
    const { problems } = loadSpecs([{ path: 'stages/keys.yml', text }]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.property]),
      [
        [7, 'TracingEnabled'],
        [10, 'Descripton'],
      ],
    );
    assert.match(problems[1]?.message ?? '', /^stage Test: /);
  });

  test('an alias inside the value its own anchor names is one problem at that alias', () => {
    for (const [text, line] of [
      [`stages:\n  A:\n    ${VALID_STAGE}\n    Variables: &v { self: *v }\n`, 5],
      [`stages:\n  A: &a\n    ${VALID_STAGE}\n    Description: *a\n`, 5],
    ] as const) {
      const { problems } = loadSpecs([{ path: 'stages/cycle.yml', text }]);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0]?.message ?? '', /inside the value its anchor &[av] names/);
      assert.deepEqual([problems[0]?.file, problems[0]?.line], ['stages/cycle.yml', line]);
    }
  });

  test('a file that was not read is its reason, at line 1', () => {
    const { problems } = loadSpecs([
      { path: 'stages/zero.yml', text: '', unreadable: 'is not a regular file; not read' },
    ]);
    assert.deepEqual(problems, [
      { file: 'stages/zero.yml', line: 1, column: 1, message: 'is not a regular file; not read' },
    ]);
  });

  test('problems are bounded per file and per run, and say how many more there were', () => {
    // File i declares stage S<i> with 30 unknown properties: 30 problems per file, nothing else.
    const files = Array.from({ length: 8 }, (_, i) => ({
      path: `stages/f${i}.yml`,
      text: stageSpec(
        [`StageName: p${i}`, ...Array.from({ length: 30 }, (_, k) => `Unknown${k}: 1`)].join('\n'),
      ).replace('  S:', `  S${i}:`),
    }));
    const { problems, problemCount } = loadSpecs(files);
    assert.equal(problemCount, 8 * 30);
    assert.equal(problems.length, 101);
    const f0 = problems.filter((p) => p.file === 'stages/f0.yml');
    assert.equal(f0.length, 21);
    assert.match(
      f0[20]?.message ?? '',
      /^10 more problems in this file, not shown \(the first 20 are\)/,
    );
    // f0-f3 show 20 + 1 note each (84), then 16 of f4: 96 of 240 shown, 144 hidden, in all 8 files.
    assert.match(
      problems[100]?.message ?? '',
      /^144 more problems in 8 files, not shown \(the first 100 are\)/,
    );
  });

  test('a message shows invisible characters as escapes and never runs past its bound', () => {
    const text = stageSpec(`StageName: p\n"Evil\\u202eKey${'x'.repeat(2000)}": 1`);
    const [problem] = loadSpecs([{ path: 'stages/x.yml', text }]).problems;
    assert.match(problem?.message ?? '', /Evil\\u202eKey/);
    assert.doesNotMatch(problem?.message ?? '', /\u202e/u);
    assert.ok((problem?.message.length ?? 0) <= 500);
  });
});

describe('loadSpecs: files together', () => {
  test('reports every problem of every file in one run, in reading order', () => {
    const files: SpecFile[] = [
      {
        path: 'stages/b.yml',
        text: stageSpec('StageName: p\nDescripton: x\nTracingEnabled: "no"'),
      },
      { path: 'stages/a.yml', text: '' },
    ];
    const { problems } = loadSpecs(files);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}`),
      ['stages/a.yml:1', 'stages/b.yml:6', 'stages/b.yml:7'],
    );
  });

  test('logical names are unique across files; the later one is reported with the first', () => {
    const { problems } = loadSpecs([
      { path: 'stages/a.yml', text: stageSpec('StageName: one') },
      { path: 'stages/b.yml', text: stageSpec('StageName: two') },
    ]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.file, 'stages/b.yml');
    assert.equal(problems[0]?.line, 2);
    assert.match(
      problems[0]?.message ?? '',
      /stage name S is already declared at stages\/a\.yml:2/,
    );
  });

  test('one spec per RestApiId|StageName across files', () => {
    const { problems } = loadSpecs([
      { path: 'stages/a.yml', text: stageSpec('StageName: prod') },
      { path: 'stages/b.yml', text: stageSpec('StageName: prod').replace('  S:', '  Other:') },
    ]);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]?.message ?? '',
      /declares api1\|prod \(RestApiId\|StageName\), already declared as S at stages\/a\.yml:2/,
    );
  });
});

describe('loadSpecs: valid specs', () => {
  test('merges per-file defaults; the stage wins, Tags merge by Key', () => {
    const text = [
      'defaults:',
      '  RestApiId: abc1234',
      '  DeploymentId: dep1',
      '  Description: shared',
      '  Tags:',
      '    - { Key: Team, Value: payments }',
      '    - { Key: Tier, Value: gold }',
      'stages:',
      '  Prod:',
      '    StageName: prod',
      '    Description: own',
      '    Tags:',
      '      - { Key: Tier, Value: platinum }',
    ].join('\n');
    const { stages, problems } = loadSpecs([{ path: 'stages/x.yml', text }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(stages, [
      {
        name: 'Prod',
        type: 'AWS::ApiGateway::Stage',
        api: { by: 'id', id: 'abc1234' },
        ignoreChanges: [],
        properties: {
          RestApiId: 'abc1234',
          DeploymentId: 'dep1',
          Description: 'own',
          StageName: 'prod',
          Tags: [
            { Key: 'Team', Value: 'payments' },
            { Key: 'Tier', Value: 'platinum' },
          ],
        },
        source: { file: 'stages/x.yml', line: 9, column: 3 },
      },
    ]);
  });

  test('the three Alchemy examples load as specs', () => {
    const text = readFileSync(
      new URL('../../examples/alchemy-stages.yml', import.meta.url),
      'utf8',
    );
    const { stages, problems } = loadSpecs([{ path: 'examples/alchemy-stages.yml', text }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      stagesById(stages).map((stage) => [stage.name, stage.identifier]),
      [
        ['BasicStage', 'abc1234|production'],
        ['AdvancedStage', 'abc1234|staging'],
        ['CacheEnabledStage', 'abc1234|cached'],
      ],
    );
    assert.equal((stages[2]?.properties as Record<string, unknown>).CacheClusterSize, '0.5');
  });

  test('a method setting path may be written naturally or encoded', () => {
    const { problems } = loadSpecs([
      {
        path: 's.yml',
        text: stageSpec(
          'StageName: p\nMethodSettings:\n  - HttpMethod: GET\n    ResourcePath: /orders/{id}\n    MetricsEnabled: true\n  - { HttpMethod: GET, ResourcePath: /~1users, MetricsEnabled: true }',
        ),
      },
    ]);
    assert.deepEqual(problems, []);
  });
});

describe('loadSpecs: `__proto__` anywhere', () => {
  test('is one problem per place, with no knock-on problems', () => {
    const text = [
      '__proto__: {}',
      'defaults:',
      '  __proto__: { RestApiId: x }',
      'stages:',
      '  __proto__:',
      '    StageName: p',
    ].join('\n');
    const { problems } = loadSpecs([{ path: 'stages/p.yml', text }]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.property]),
      [
        [1, '__proto__'],
        [3, '__proto__'],
        [5, 'stages.__proto__'],
      ],
    );
    assert.match(problems[1]?.message ?? '', /^defaults: `__proto__` cannot be used/);
  });
});
