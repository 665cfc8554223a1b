/**
 * Shared setup for the emulator's conformance tests: an in-process emulator on an ephemeral port
 * and the real, unmodified Cloud Control SDK client pointed at it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CloudControlClient,
  GetResourceRequestStatusCommand,
  type CloudControlClientConfig,
  type ProgressEvent,
} from '@aws-sdk/client-cloudcontrol';
import { startEmulator, type EmulatorKnobs, type RunningEmulator } from '../../emulator/server.ts';

export const STAGE = 'AWS::ApiGateway::Stage';
export const REST_API = 'AWS::ApiGateway::RestApi';
export const DEPLOYMENT = 'AWS::ApiGateway::Deployment';

/** Fake credentials: the emulator checks that calls are SigV4-signed, not by whom. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDEMULATORTEST',
  secretAccessKey: 'emulator-test-secret',
};

export function sdkClient(
  url: string,
  config: Partial<CloudControlClientConfig> = {},
): CloudControlClient {
  return new CloudControlClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: FAKE_CREDENTIALS,
    ...config,
  });
}

export interface TestBed {
  readonly emulator: RunningEmulator;
  readonly client: CloudControlClient;
  close(): Promise<void>;
}

/** An emulator with fast operations (5 ms unless overridden) and an SDK client for it. */
export async function startTestBed(
  knobs: Partial<EmulatorKnobs> = {},
  config: Partial<CloudControlClientConfig> = {},
): Promise<TestBed> {
  const emulator = await startEmulator({ knobs: { operationDurationMs: 5, ...knobs } });
  const client = sdkClient(emulator.url, config);
  return {
    emulator,
    client,
    close: async () => {
      client.destroy();
      await emulator.close();
    },
  };
}

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

/** Polls GetResourceRequestStatus until the request is terminal (bounded, not timed). */
export async function waitForTerminal(
  client: CloudControlClient,
  requestToken: string,
): Promise<ProgressEvent> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    const { ProgressEvent: event } = await client.send(
      new GetResourceRequestStatusCommand({ RequestToken: requestToken }),
    );
    if (event?.OperationStatus && TERMINAL.has(event.OperationStatus)) return event;
    await sleep(2);
  }
  throw new Error(`request ${requestToken} never finished`);
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** A REST API with one deployment, seeded directly. */
export function seedApi(
  emulator: RunningEmulator,
  restApiId = 'a1b2c3d4e5',
  deploymentId = 'dep001',
) {
  emulator.putRestApi({ RestApiId: restApiId, Name: 'orders' });
  emulator.putDeployment(restApiId, { DeploymentId: deploymentId });
  return { restApiId, deploymentId };
}
