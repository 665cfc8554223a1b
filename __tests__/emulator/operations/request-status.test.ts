/** Conformance of GetResourceRequestStatus, CancelResourceRequest and ListResourceRequests. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelResourceRequestCommand,
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  paginateListResourceRequests,
  waitUntilResourceRequestSuccess,
} from '@aws-sdk/client-cloudcontrol';
import { STAGE, rejection, seedApi, startTestBed, type TestBed } from '../harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed({ operationDurationMs: 60_000 });
});
after(async () => {
  await bed.close();
});

async function startCreate(restApiId: string, stageName: string, deploymentId: string) {
  const { ProgressEvent } = await bed.client.send(
    new CreateResourceCommand({
      TypeName: STAGE,
      DesiredState: JSON.stringify({
        RestApiId: restApiId,
        StageName: stageName,
        DeploymentId: deploymentId,
      }),
    }),
  );
  return ProgressEvent?.RequestToken as string;
}

const status = async (token: string) =>
  (await bed.client.send(new GetResourceRequestStatusCommand({ RequestToken: token })))
    .ProgressEvent;

describe('GetResourceRequestStatus', () => {
  it('answers an unknown token with RequestTokenNotFoundException', async () => {
    const error = await rejection(status('00000000-0000-0000-0000-000000000000'));
    assert.equal(error.name, 'RequestTokenNotFoundException');
  });

  it('works with the SDK waiter', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'stat000001', 'dep901');
    const token = await startCreate(restApiId, 'waited', deploymentId);
    bed.emulator.completeInFlight();
    const result = await waitUntilResourceRequestSuccess(
      { client: bed.client, maxWaitTime: 5, minDelay: 1 },
      { RequestToken: token },
    );
    assert.equal(result.state, 'SUCCESS');
  });
});

describe('CancelResourceRequest', () => {
  it('moves a pending request through CANCEL_IN_PROGRESS to CANCEL_COMPLETE, and its effect stays (fact 11)', async () => {
    // docs/reference/aws-recorded-behaviour.md fact 11 (LocalStack test_cancel_request, maintainer):
    // "a cancel simply stops the handler from continuing but will not cause it to revert".
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'canc000001', 'dep902');
    const token = await startCreate(restApiId, 'cancelled', deploymentId);
    const { ProgressEvent: canceling } = await bed.client.send(
      new CancelResourceRequestCommand({ RequestToken: token }),
    );
    assert.equal(canceling?.OperationStatus, 'CANCEL_IN_PROGRESS');
    assert.equal((await status(token))?.OperationStatus, 'CANCEL_IN_PROGRESS');
    bed.emulator.completeInFlight();
    const done = await status(token);
    assert.equal(done?.OperationStatus, 'CANCEL_COMPLETE');
    assert.ok((done?.EventTime as Date).getTime() > (canceling?.EventTime as Date).getTime());
    assert.equal(
      bed.emulator.getStoredModel(STAGE, `${restApiId}|cancelled`)?.StageName,
      'cancelled',
    );
    // Cancelling it again answers the same CANCEL_COMPLETE event (fact 11, recorded).
    const { ProgressEvent: again } = await bed.client.send(
      new CancelResourceRequestCommand({ RequestToken: token }),
    );
    assert.equal(again?.OperationStatus, 'CANCEL_COMPLETE');
  });

  it('leaves no effect when the cancelLeavesEffects knob is off', async () => {
    bed.emulator.knobs.recorded.cancelLeavesEffects = false;
    try {
      const { restApiId, deploymentId } = seedApi(bed.emulator, 'canc000003', 'dep905');
      const token = await startCreate(restApiId, 'reverted', deploymentId);
      await bed.client.send(new CancelResourceRequestCommand({ RequestToken: token }));
      bed.emulator.completeInFlight();
      assert.equal((await status(token))?.OperationStatus, 'CANCEL_COMPLETE');
      assert.equal(bed.emulator.getStoredModel(STAGE, `${restApiId}|reverted`), undefined);
    } finally {
      bed.emulator.knobs.recorded.cancelLeavesEffects = true;
    }
  });

  it('refuses to cancel a finished request (fact 10), and answers RequestTokenNotFoundException for an unknown one', async () => {
    // docs/reference/aws-recorded-behaviour.md fact 10 (LocalStack test_cancel_edge_cases, recorded).
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'canc000002', 'dep903');
    const token = await startCreate(restApiId, 'done', deploymentId);
    bed.emulator.completeInFlight();
    const refused = await rejection(
      bed.client.send(new CancelResourceRequestCommand({ RequestToken: token })),
    );
    assert.equal(refused.name, 'ValidationException');
    assert.equal(refused.message, `Request ${token} is already in status SUCCESS`);
    assert.equal((await status(token))?.OperationStatus, 'SUCCESS', 'the request is unchanged');
    const error = await rejection(
      bed.client.send(new CancelResourceRequestCommand({ RequestToken: 'no-such-token' })),
    );
    assert.equal(error.name, 'RequestTokenNotFoundException');
  });

  it('returns a finished request unchanged when the cancelFinishedRefused knob is off', async () => {
    bed.emulator.knobs.recorded.cancelFinishedRefused = false;
    try {
      const { restApiId, deploymentId } = seedApi(bed.emulator, 'canc000004', 'dep906');
      const token = await startCreate(restApiId, 'done', deploymentId);
      bed.emulator.completeInFlight();
      const { ProgressEvent: event } = await bed.client.send(
        new CancelResourceRequestCommand({ RequestToken: token }),
      );
      assert.equal(event?.OperationStatus, 'SUCCESS');
    } finally {
      bed.emulator.knobs.recorded.cancelFinishedRefused = true;
    }
  });
});

describe('ListResourceRequests', () => {
  it('lists newest first, filters by operation and status, and pages with NextToken', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'lrr0000001', 'dep904');
    const tokens: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      tokens.push(await startCreate(restApiId, name, deploymentId));
    const { ResourceRequestStatusSummaries: inProgress } = await bed.client.send(
      new ListResourceRequestsCommand({
        ResourceRequestStatusFilter: { Operations: ['CREATE'], OperationStatuses: ['IN_PROGRESS'] },
      }),
    );
    assert.deepEqual(
      inProgress?.map((event) => event.RequestToken),
      [...tokens].reverse(),
    );
    const { ResourceRequestStatusSummaries: deletes } = await bed.client.send(
      new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['DELETE'] } }),
    );
    assert.deepEqual(deletes, []);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListResourceRequests(
      { client: bed.client, pageSize: 2 },
      { ResourceRequestStatusFilter: { OperationStatuses: ['IN_PROGRESS'] } },
    )) {
      pages += 1;
      assert.ok((page.ResourceRequestStatusSummaries?.length ?? 0) <= 2);
      for (const event of page.ResourceRequestStatusSummaries ?? [])
        seen.push(event.RequestToken as string);
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...tokens].reverse());
    bed.emulator.completeInFlight();
    const { ResourceRequestStatusSummaries: succeeded } = await bed.client.send(
      new ListResourceRequestsCommand({
        ResourceRequestStatusFilter: { OperationStatuses: ['SUCCESS'] },
        MaxResults: 100,
      }),
    );
    for (const token of tokens) assert.ok(succeeded?.some((event) => event.RequestToken === token));
  });

  it('refuses MaxResults outside 1..100 with a coral ValidationException', async () => {
    const error = await rejection(
      bed.client.send(new ListResourceRequestsCommand({ MaxResults: 101 })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "1 validation error detected: Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});
