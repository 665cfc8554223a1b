import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLIENT_TOKEN_PATTERN,
  deriveClientToken,
  type ClientTokenInput,
} from '../../src/apply/client-token.ts';

const base: ClientTokenInput = {
  repository: 'acme/api',
  commitSha: '4f2c9a1e0b7d6c5a4f2c9a1e0b7d6c5a4f2c9a1e',
  identifier: 'abc1234|production',
  operation: 'UPDATE',
  payload: {
    before: { Description: 'a' },
    patch: [{ op: 'replace', path: '/Description', value: 'b' }],
  },
  attempt: 1,
};

describe('deriveClientToken', () => {
  it('gives the same token for the same write, whatever the key order of its payload', () => {
    const reordered = {
      ...base,
      payload: {
        patch: [{ value: 'b', path: '/Description', op: 'replace' }],
        before: { Description: 'a' },
      },
    };
    assert.equal(deriveClientToken(base), deriveClientToken({ ...base }));
    assert.equal(deriveClientToken(base), deriveClientToken(reordered));
  });

  it('gives a different token when any part of the write differs', () => {
    const variants: ClientTokenInput[] = [
      { ...base, repository: 'fork/api' },
      { ...base, commitSha: '0000000000000000000000000000000000000000' },
      { ...base, identifier: 'abc1234|staging' },
      { ...base, operation: 'DELETE' },
      { ...base, attempt: 2 },
      { ...base, payload: { ...(base.payload as object), before: { Description: 'changed' } } },
    ];
    const tokens = new Set([base, ...variants].map(deriveClientToken));
    assert.equal(tokens.size, variants.length + 1);
  });

  it('names the operation, attempt and commit in a readable prefix', () => {
    assert.match(
      deriveClientToken({ ...base, attempt: 3 }),
      /^ss-update-3-4f2c9a1e0b7d-[0-9a-f]{64}$/,
    );
  });

  it("always matches Cloud Control's ClientToken pattern and length, whatever the inputs", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ maxLength: 300 }),
        fc.string(),
        fc.constantFrom('CREATE', 'UPDATE', 'DELETE' as const),
        fc.jsonValue(),
        fc.integer({ min: 1, max: 10_000 }),
        (repository, commitSha, identifier, operation, payload, attempt) => {
          const token = deriveClientToken({
            repository,
            commitSha,
            identifier,
            operation,
            payload,
            attempt,
          });
          assert.match(token, CLIENT_TOKEN_PATTERN);
        },
      ),
    );
  });
});
