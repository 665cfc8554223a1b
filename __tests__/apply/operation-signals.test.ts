import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudControlError, type ProgressEvent } from '../../src/aws/cloud-control-port.ts';
import { reportingOperations } from '../../src/apply/operation-signals.ts';
import { OperationWindow } from '../../src/retry/operation-window.ts';
import { memoryPort } from '../support/memory-port.ts';

const event = (status: ProgressEvent['status'], errorCode?: string): ProgressEvent => ({
  typeName: 'AWS::ApiGateway::Stage',
  requestToken: 'r1',
  operation: 'UPDATE',
  status,
  ...(errorCode ? { errorCode } : {}),
});

/** A port whose writes and polls answer from `answers` in turn. */
function answering(answers: (ProgressEvent | CloudControlError)[]) {
  const next = async (): Promise<ProgressEvent> => {
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    if (answer instanceof CloudControlError) throw answer;
    return answer;
  };
  return {
    ...memoryPort({ stages: {} }),
    updateResource: next,
    createResource: next,
    deleteResource: next,
    getResourceRequestStatus: next,
  };
}

describe('reportingOperations', () => {
  it("tells the window of each SUCCESS and passes AWS's answers on unchanged", async () => {
    const window = new OperationWindow({ initial: 2 });
    const port = reportingOperations(
      answering([event('IN_PROGRESS'), event('SUCCESS')]),
      window,
      await window.acquire(),
    );
    assert.equal((await port.updateResource('T', 'a|b', [], 'c')).status, 'IN_PROGRESS');
    assert.equal(window.limit, 2);
    assert.equal((await port.getResourceRequestStatus('r1')).status, 'SUCCESS');
    assert.equal(window.limit, 3);
  });

  it('narrows the window for a throttled handler and for another operation holding the stage', async () => {
    const window = new OperationWindow({ initial: 40 });
    const throttled = reportingOperations(
      answering([event('IN_PROGRESS'), event('FAILED', 'Throttling')]),
      window,
      await window.acquire(),
    );
    await throttled.createResource('T', {}, 'c');
    assert.equal((await throttled.getResourceRequestStatus('r1')).errorCode, 'Throttling');
    assert.equal(window.limit, 20);
    const busy = reportingOperations(
      answering([new CloudControlError('ConcurrentOperationException', 'busy')]),
      window,
      await window.acquire(),
    );
    await assert.rejects(busy.updateResource('T', 'a|b', [], 'c'), /busy/);
    assert.equal(window.limit, 10);
  });

  it('ignores failures that say nothing about load', async () => {
    const window = new OperationWindow({ initial: 40 });
    const port = reportingOperations(
      answering([
        event('FAILED', 'InvalidRequest'),
        new CloudControlError('ValidationException', 'x'),
      ]),
      window,
      await window.acquire(),
    );
    await port.deleteResource('T', 'a|b', 'c');
    await assert.rejects(port.deleteResource('T', 'a|b', 'c'));
    assert.equal(window.limit, 40);
  });
});
