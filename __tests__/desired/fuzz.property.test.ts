/**
 * Random and mutated spec files: the loader never throws, every problem names a file and a line
 * inside it, and a spec set with problems costs no AWS call at all (so never a write).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { createEngine } from '../../src/engine/engine.ts';
import { loadSpecs, type SpecFile } from '../../src/desired/load-specs.ts';

const EXAMPLE = readFileSync(new URL('../../examples/alchemy-stages.yml', import.meta.url), 'utf8');

/** A port that fails the test on any call: invalid specs must never reach AWS. */
function forbiddenPort(calls: string[]): CloudControlPort {
  const refuse = (name: string) => async (): Promise<never> => {
    calls.push(name);
    throw new Error(`${name} called with invalid specs`);
  };
  return {
    getResource: refuse('getResource'),
    listResources: refuse('listResources'),
    createResource: refuse('createResource'),
    updateResource: refuse('updateResource'),
    deleteResource: refuse('deleteResource'),
    getResourceRequestStatus: refuse('getResourceRequestStatus'),
    cancelResourceRequest: refuse('cancelResourceRequest'),
  };
}

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swap-line'; a: number; b: number };

/** Mutations a person (or a bad merge) makes to a YAML file. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom(
        ':',
        '- ',
        '{',
        '"',
        '\t',
        '\n  ',
        '&a',
        '*a',
        '!!binary',
        '\u0000',
        '\uFFFD',
        '---\n',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('swap-line' as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    if (m.kind === 'delete') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + out.slice(at + m.length);
    } else if (m.kind === 'insert') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + m.text + out.slice(at);
    } else {
      const lines = out.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      out = lines.join('\n');
    }
  }
  return out;
}

function assertWellReported(files: readonly SpecFile[]): void {
  const { stages, problems } = loadSpecs(files);
  if (problems.length === 0) return;
  assert.equal(stages.length, 0);
  // Lines as YAML counts them (and editors show them): \r\n, \r and \n all end one.
  const lineCounts = new Map(
    files.map((file) => [file.path, file.text.split(/\r\n|\r|\n/).length]),
  );
  for (const problem of problems) {
    assert.ok(lineCounts.has(problem.file), `problem names a real file: ${problem.file}`);
    assert.ok(
      problem.line >= 1 && problem.line <= (lineCounts.get(problem.file) as number) + 1,
      `line ${problem.line} is inside ${problem.file}`,
    );
    assert.ok(problem.column >= 1);
    assert.ok(
      problem.message.length > 0 && !/\n\s+at /.test(problem.message),
      'a message, not a stack trace',
    );
  }
}

test('mutated example specs never crash and every problem has a file and line', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
      assertWellReported([{ path: 'stages/mutated.yml', text: mutate(EXAMPLE, mutations) }]);
    }),
    { numRuns: 1500 },
  );
});

test('random text and random YAML values never crash the loader', () => {
  const yamlish = fc.jsonValue().map((value) => JSON.stringify(value));
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string({ unit: 'binary' }), yamlish), { minLength: 1, maxLength: 3 }),
      (texts) => {
        assertWellReported(
          texts.map((text, index) => ({ path: `stages/random-${index}.yml`, text })),
        );
      },
    ),
    { numRuns: 1500 },
  );
});

test('random stage property values never crash and are reported with a line', () => {
  const value = fc.oneof(
    fc.jsonValue(),
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const names = fc.constantFrom(
    'StageName',
    'Description',
    'MethodSettings',
    'Tags',
    'Variables',
    'CanarySetting',
    'AccessLogSetting',
    'TracingEnabled',
    'CacheClusterSize',
    'Bogus',
  );
  fc.assert(
    fc.property(fc.dictionary(names, value, { maxKeys: 5 }), (properties) => {
      const stage = { RestApiId: 'api', DeploymentId: 'dep', ...properties };
      assertWellReported([
        { path: 'stages/random.yml', text: `stages:\n  S: ${JSON.stringify(stage)}\n` },
      ]);
    }),
    { numRuns: 1000 },
  );
});

test('specs with problems make no AWS call at all, so never a write', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
      const files = [{ path: 'stages/mutated.yml', text: mutate(EXAMPLE, mutations) }];
      if (loadSpecs(files).problems.length === 0) return;
      const calls: string[] = [];
      const engine = createEngine({
        port: forbiddenPort(calls),
        repository: 'o/r',
        region: undefined,
        maxConcurrency: 4,
        operationTimeoutMs: 1_000,
        readSpecFiles: async () => files,
      });
      const outcome = await engine.plan({
        workspace: '.',
        patterns: ['stages/*.yml'],
        prune: true,
      });
      assert.equal(outcome.kind, 'invalid-specs');
      assert.deepEqual(calls, []);
    }),
    { numRuns: 300 },
  );
});
