import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, JsonPatchError } from '../../emulator/json-patch.ts';

function patchError(fn: () => unknown): JsonPatchError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof JsonPatchError, `expected JsonPatchError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the patch to fail');
}

describe('applyJsonPatch', () => {
  it('applies the RFC 6902 appendix examples for each operation', () => {
    assert.deepEqual(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }]), {
      foo: 'bar',
      baz: 'qux',
    });
    assert.deepEqual(
      applyJsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }]),
      {
        foo: ['bar', 'qux', 'baz'],
      },
    );
    assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }]), {
      foo: 'bar',
    });
    assert.deepEqual(
      applyJsonPatch({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }]),
      {
        foo: ['bar', 'baz'],
      },
    );
    assert.deepEqual(
      applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }]),
      {
        baz: 'boo',
        foo: 'bar',
      },
    );
    assert.deepEqual(
      applyJsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [
        { op: 'move', from: '/foo/waldo', path: '/qux/thud' },
      ]),
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    );
    assert.deepEqual(
      applyJsonPatch({ foo: ['all', 'grass', 'cows', 'eat'] }, [
        { op: 'move', from: '/foo/1', path: '/foo/3' },
      ]),
      { foo: ['all', 'cows', 'eat', 'grass'] },
    );
    assert.deepEqual(
      applyJsonPatch({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }]),
      {
        foo: ['bar', ['abc', 'def']],
      },
    );
    assert.deepEqual(applyJsonPatch({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }]), {
      a: { b: 1 },
      c: { b: 1 },
    });
  });

  it('passes a test op with equal values regardless of member order', () => {
    const document = { baz: 'qux', foo: ['a', 2, 'c'], o: { x: 1, y: [true] } };
    assert.deepEqual(
      applyJsonPatch(document, [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
        { op: 'test', path: '/o', value: { y: [true], x: 1 } },
      ]),
      document,
    );
  });

  it('unescapes ~1 and ~0 in pointers', () => {
    assert.deepEqual(
      applyJsonPatch({ 'a/b': 1, 'm~n': 2 }, [
        { op: 'replace', path: '/a~1b', value: 3 },
        { op: 'remove', path: '/m~0n' },
      ]),
      {
        'a/b': 3,
      },
    );
  });

  it('never modifies its input, and a later failure leaves nothing applied', () => {
    const document = { Tags: [{ Key: 'a', Value: '1' }], Description: 'x' };
    const snapshot = structuredClone(document);
    const result = applyJsonPatch(document, [
      { op: 'add', path: '/Tags/-', value: { Key: 'b', Value: '2' } },
    ]);
    assert.equal(result.Tags instanceof Array && result.Tags.length, 2);
    assert.throws(() =>
      applyJsonPatch(document, [
        { op: 'replace', path: '/Description', value: 'y' },
        { op: 'remove', path: '/Nope' },
      ]),
    );
    assert.deepEqual(document, snapshot);
  });

  it('fails replace on a missing member with the message Cloud Control shows (roadmap#2236)', () => {
    const error = patchError(() =>
      applyJsonPatch({ StageName: 'prod' }, [{ op: 'replace', path: '/Tags', value: [] }]),
    );
    assert.equal(error.message, '[REPLACE Operation] noSuchPath in source, path provided : //Tags');
    assert.equal(error.operationIndex, 0);
  });

  it('lets add create a member that replace cannot', () => {
    assert.deepEqual(
      applyJsonPatch({ StageName: 'prod' }, [
        { op: 'add', path: '/Tags', value: [{ Key: 'k', Value: 'v' }] },
      ]),
      {
        StageName: 'prod',
        Tags: [{ Key: 'k', Value: 'v' }],
      },
    );
  });

  it('is strict about targets that do not exist', () => {
    const document = { a: { b: 1 }, l: [1, 2] };
    const failures: [string, Parameters<typeof applyJsonPatch>[1], RegExp][] = [
      [
        'remove missing member',
        [{ op: 'remove', path: '/x' }],
        /^\[REMOVE Operation\] noSuchPath .* : \/\/x$/,
      ],
      [
        'add under missing parent',
        [{ op: 'add', path: '/x/y', value: 1 }],
        /^\[ADD Operation\] noSuchPath/,
      ],
      [
        'add past array end',
        [{ op: 'add', path: '/l/3', value: 1 }],
        /^\[ADD Operation\] index Out of bound/,
      ],
      [
        'replace past array end',
        [{ op: 'replace', path: '/l/2', value: 1 }],
        /^\[REPLACE Operation\] noSuchPath/,
      ],
      [
        'remove past array end',
        [{ op: 'remove', path: '/l/2' }],
        /^\[REMOVE Operation\] noSuchPath/,
      ],
      ['leading-zero index', [{ op: 'replace', path: '/l/01', value: 1 }], /noSuchPath/],
      [
        'test missing member',
        [{ op: 'test', path: '/x', value: 1 }],
        /^\[TEST Operation\] noSuchPath/,
      ],
      [
        'test different value',
        [{ op: 'test', path: '/a/b', value: 2 }],
        /^\[TEST Operation\] value differs from expectations : \/\/a\/b/,
      ],
      [
        'move from missing',
        [{ op: 'move', from: '/x', path: '/y' }],
        /^\[MOVE Operation\] noSuchPath .* : \/\/x$/,
      ],
      [
        'copy from missing',
        [{ op: 'copy', from: '/x', path: '/y' }],
        /^\[COPY Operation\] noSuchPath/,
      ],
      ['move into own child', [{ op: 'move', from: '/a', path: '/a/c' }], /own children/],
      [
        'add below a scalar',
        [{ op: 'add', path: '/a/b/c', value: 1 }],
        /parent is not a container/,
      ],
      ['remove the root', [{ op: 'remove', path: '' }], /path is empty/],
      [
        'replace the root with a scalar',
        [{ op: 'replace', path: '', value: 3 }],
        /root must stay a JSON object/,
      ],
    ];
    for (const [label, operations, message] of failures) {
      const error = patchError(() => applyJsonPatch(document, operations));
      assert.match(error.message, message, label);
    }
  });

  it('refuses malformed operations', () => {
    const malformed: [string, unknown, RegExp][] = [
      ['unknown op', { op: 'update', path: '/a' }, /unknown 'op' value \[update\]/],
      ['missing value', { op: 'add', path: '/a' }, /'value'/],
      ['missing from', { op: 'copy', path: '/a' }, /'from'/],
      ['missing path', { op: 'remove' }, /'path'/],
      ['bad escape', { op: 'remove', path: '/a~2' }, /Invalid JSON Pointer/],
    ];
    for (const [label, operation, message] of malformed) {
      const error = patchError(() =>
        applyJsonPatch({ a: 1 }, [operation as { op: string; path: string }]),
      );
      assert.match(error.message, message, label);
    }
  });

  it('accepts a path without its leading slash, as Cloud Control does', () => {
    assert.deepEqual(
      applyJsonPatch({ RetentionInDays: 7 }, [
        { op: 'replace', path: 'RetentionInDays', value: 14 },
      ]),
      {
        RetentionInDays: 14,
      },
    );
  });

  it('replaces the whole document through the empty pointer', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }]), {
      b: 2,
    });
  });
});
