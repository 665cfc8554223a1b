/**
 * The REST endpoint adds latency as Cloud Control calls get it (emulator/latency.ts): the fixed
 * `latencyMs` plus a draw from the seeded `latencyDistribution`. Asserted on the call record's
 * `latencyMs`, never on how long a call took.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiGatewayV2Client, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import type { EmulatorKnobs } from '../../../../emulator/knobs.ts';
import { FAKE_CREDENTIALS, startTestBed, type TestBed } from '../../harness.ts';

// Small numbers keep the added sleeps short; the draws are what the test is about.
const KNOBS: Partial<EmulatorKnobs> = {
  latencyMs: 1,
  latencyDistribution: { medianMs: 2, tailMs: 4, tailShare: 0.05 },
  seed: 4242,
};

function seedStage(bed: TestBed): string {
  const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'latency' });
  const deploymentId = bed.emulator.apiGatewayV2.createDeployment(apiId);
  bed.emulator.apiGatewayV2.putStage({
    ApiId: apiId,
    StageName: 'prod',
    DeploymentId: deploymentId,
  });
  return apiId;
}

/** The latencies recorded for `calls` calls made in turn on a fresh emulator with KNOBS. */
async function recordedLatencies(
  call: (bed: TestBed, apiId: string) => Promise<unknown>,
  calls: number,
): Promise<number[]> {
  const bed = await startTestBed(KNOBS);
  try {
    const apiId = seedStage(bed);
    for (let i = 0; i < calls; i++) await call(bed, apiId);
    return bed.emulator.calls.map((record) => record.latencyMs);
  } finally {
    await bed.close();
  }
}

describe('REST endpoint latency', () => {
  it("adds the seeded distribution's draws beside the fixed part, the draws Cloud Control calls get", async () => {
    const v2Latencies = await recordedLatencies(async (bed, apiId) => {
      const v2 = new ApiGatewayV2Client({
        region: 'us-east-1',
        endpoint: bed.emulator.url,
        credentials: FAKE_CREDENTIALS,
      });
      try {
        await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
      } finally {
        v2.destroy();
      }
    }, 3);
    const cloudControlLatencies = await recordedLatencies(
      (bed, apiId) =>
        bed.client.send(
          new GetResourceCommand({
            TypeName: 'AWS::ApiGatewayV2::Stage',
            Identifier: `${apiId}|prod`,
          }),
        ),
      3,
    );
    assert.equal(v2Latencies.length, 3);
    for (const latencyMs of v2Latencies)
      assert.ok(latencyMs > 1, `drawn beside 1 ms: ${latencyMs}`);
    assert.equal(new Set(v2Latencies).size, 3, 'a draw per call, not one fixed value');
    // The same seed gives the same sequence of draws, whichever endpoint the calls go to.
    assert.deepEqual(v2Latencies, cloudControlLatencies);
  });
});
