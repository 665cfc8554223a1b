import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonPatch, JsonPatchError, pointerTokens } from '../../src/apply/json-patch.ts';

describe('applyJsonPatch', () => {
  it('adds, replaces and removes object members, leaving the input as it was', () => {
    const live = { Tags: { team: 'a' }, Description: 'old', AutoDeploy: true };
    const patched = applyJsonPatch(live, [
      { op: 'add', path: '/Tags/owner', value: 'me' },
      { op: 'replace', path: '/Description', value: 'new' },
      { op: 'remove', path: '/AutoDeploy' },
    ]);
    assert.deepEqual(patched, { Tags: { team: 'a', owner: 'me' }, Description: 'new' });
    assert.deepEqual(live, { Tags: { team: 'a' }, Description: 'old', AutoDeploy: true });
  });

  it('unescapes ~1 and ~0 in pointer tokens (RFC 6901), so route keys with slashes work', () => {
    assert.deepEqual(pointerTokens('/RouteSettings/GET ~1pets~1{id}/a~0b'), [
      'RouteSettings',
      'GET /pets/{id}',
      'a~b',
    ]);
    const patched = applyJsonPatch(
      { RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 1 } } },
      [
        { op: 'replace', path: '/RouteSettings/GET ~1pets/ThrottlingBurstLimit', value: 5 },
        { op: 'add', path: '/RouteSettings/POST ~1pets', value: { ThrottlingRateLimit: 2 } },
      ],
    );
    assert.deepEqual(patched, {
      RouteSettings: {
        'GET /pets': { ThrottlingBurstLimit: 5 },
        'POST /pets': { ThrottlingRateLimit: 2 },
      },
    });
  });

  it('inserts, appends, replaces and removes array elements by index (RFC 6902 A.2, A.3)', () => {
    const patched = applyJsonPatch({ list: ['a', 'c'] }, [
      { op: 'add', path: '/list/1', value: 'b' },
      { op: 'add', path: '/list/-', value: 'd' },
      { op: 'replace', path: '/list/0', value: 'A' },
      { op: 'remove', path: '/list/3' },
    ]);
    assert.deepEqual(patched, { list: ['A', 'b', 'c'] });
  });

  it('copies added values, so a later change of the patch cannot reach the result', () => {
    const value = { ThrottlingBurstLimit: 1 };
    const patched = applyJsonPatch({}, [{ op: 'add', path: '/DefaultRouteSettings', value }]);
    value.ThrottlingBurstLimit = 9;
    assert.deepEqual(patched, { DefaultRouteSettings: { ThrottlingBurstLimit: 1 } });
  });

  it('refuses what the RFC refuses: a missing target, a missing parent, an index out of range', () => {
    const refused = [
      [{ op: 'remove', path: '/Description' }],
      [{ op: 'replace', path: '/Tags/team', value: 'x' }],
      [{ op: 'add', path: '/StageVariables/a', value: '1' }],
      [{ op: 'add', path: '/list/3', value: 'x' }],
      [{ op: 'replace', path: '/list/-', value: 'x' }],
      [{ op: 'remove', path: '/list/01' }],
      [{ op: 'add', path: 'Description', value: 'x' }],
      [{ op: 'add', path: '', value: {} }],
    ] as const;
    for (const patch of refused)
      assert.throws(
        () => applyJsonPatch({ Tags: {}, list: ['a'] }, patch),
        JsonPatchError,
        JSON.stringify(patch),
      );
  });
});
