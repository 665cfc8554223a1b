import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatIdentifier, parseIdentifier } from '../../../emulator/resources/identifier.ts';
import { deploymentType } from '../../../emulator/resources/deployment.ts';
import { stageType } from '../../../emulator/resources/stage.ts';

describe('identifiers', () => {
  it('splits compound identifiers in primaryIdentifier order', () => {
    assert.deepEqual(parseIdentifier(stageType, 'abc|prod'), {
      RestApiId: 'abc',
      StageName: 'prod',
    });
    assert.deepEqual(parseIdentifier(deploymentType, 'dep1|abc'), {
      DeploymentId: 'dep1',
      RestApiId: 'abc',
    });
    assert.deepEqual(parseIdentifier(stageType, '{"StageName":"prod","RestApiId":"abc"}'), {
      RestApiId: 'abc',
      StageName: 'prod',
    });
  });

  it('refuses identifiers with the wrong number of parts', () => {
    for (const bad of ['prod', 'a|b|c', '|prod', '{"RestApiId":"abc"}', '{nope']) {
      assert.throws(
        () => parseIdentifier(stageType, bad),
        /is not valid for identifier \[\/properties\/RestApiId, \/properties\/StageName\]/,
        bad,
      );
    }
  });

  it('formats a model into its identifier, or nothing when a part is missing', () => {
    assert.equal(
      formatIdentifier(stageType, { StageName: 'prod', RestApiId: 'abc', Description: 'x' }),
      'abc|prod',
    );
    assert.equal(formatIdentifier(stageType, { RestApiId: 'abc' }), undefined);
  });
});
