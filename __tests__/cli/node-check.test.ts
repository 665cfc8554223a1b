import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeVersionProblem, REQUIRED_NODE_MAJOR } from '../../src/cli/node-check.ts';

test('Node 24 and later pass; older versions are told what is needed', () => {
  assert.equal(REQUIRED_NODE_MAJOR, 24);
  for (const version of ['24.0.0', '24.21.0', '25.1.0'])
    assert.equal(nodeVersionProblem(version), undefined);
  assert.equal(
    nodeVersionProblem('20.20.2'),
    'stage-sync needs Node.js 24 or later (it uses fs.glob); this is Node.js v20.20.2. Install Node 24 (for example `nvm install 24`) and run it again.',
  );
  assert.match(nodeVersionProblem('22.9.0') ?? '', /this is Node\.js v22\.9\.0/);
});

test('the check agrees with package.json engines', async () => {
  const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
  assert.equal(pkg.engines.node, `>=${REQUIRED_NODE_MAJOR}`);
});
