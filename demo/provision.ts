/**
 * Sets up a world through Cloud Control itself: REST APIs and deployments, the way a user of the
 * emulator (or the demo, tests and benchmarks) prepares what stages need.
 */
import { randomUUID } from 'node:crypto';
import { awaitOperation } from '../src/apply/await-operation.ts';
import { defaultSleep } from '../src/apply/options.ts';
import type { CloudControlPort, ProgressEvent } from '../src/aws/cloud-control-port.ts';
import type { JsonPatchOperation } from '../src/plan/types.ts';

const QUICK_POLLING = { baseMs: 50, factor: 1.5, capMs: 1_000 };

/**
 * Waits (with the action's backoff, for at most a minute) for the write `first` started; returns
 * its final event, or throws with AWS's message as `doing` (`Creating AWS::ApiGateway::RestApi`).
 */
async function settle(
  port: CloudControlPort,
  first: ProgressEvent,
  doing: string,
): Promise<ProgressEvent> {
  const settled = await awaitOperation(first, {
    port,
    polling: QUICK_POLLING,
    timeoutMs: 60_000,
    now: Date.now,
    sleep: defaultSleep,
    random: Math.random,
    signal: undefined,
  });
  const { event } = settled;
  if (settled.kind !== 'settled' || event.status !== 'SUCCESS') {
    throw new Error(
      `${doing} failed: ${event.errorCode ?? settled.kind} ${event.statusMessage ?? ''}`.trim(),
    );
  }
  return event;
}

/** Creates a resource and waits for it; returns its identifier, or throws with AWS's message. */
export async function createAndWait(
  port: CloudControlPort,
  typeName: string,
  desiredState: Record<string, unknown>,
): Promise<string> {
  const doing = `Creating ${typeName}`;
  const first = await port.createResource(typeName, desiredState, randomUUID());
  const event = await settle(port, first, doing);
  if (!event.identifier) throw new Error(`${doing} failed: no identifier in its final event`);
  return event.identifier;
}

/** Applies `patch` to a resource and waits for it, or throws with AWS's message. */
export async function updateAndWait(
  port: CloudControlPort,
  typeName: string,
  identifier: string,
  patch: readonly JsonPatchOperation[],
): Promise<void> {
  const first = await port.updateResource(typeName, identifier, patch, randomUUID());
  await settle(port, first, `Updating ${typeName} ${identifier}`);
}

/** Creates a deployment of a REST API; returns its id (Deployment's identifier is `DeploymentId|RestApiId`). */
export async function createDeployment(
  port: CloudControlPort,
  restApiId: string,
  description: string,
): Promise<string> {
  const identifier = await createAndWait(port, 'AWS::ApiGateway::Deployment', {
    RestApiId: restApiId,
    Description: description,
  });
  return identifier.split('|')[0] as string;
}

/** A REST API with `deployments` deployments; returns their ids. */
export async function provisionRestApi(
  port: CloudControlPort,
  name: string,
  deployments: number,
): Promise<{ restApiId: string; deploymentIds: string[] }> {
  const restApiId = await createAndWait(port, 'AWS::ApiGateway::RestApi', { Name: name });
  const deploymentIds: string[] = [];
  for (let i = 0; i < deployments; i++) {
    deploymentIds.push(await createDeployment(port, restApiId, `${name} #${i + 1}`));
  }
  return { restApiId, deploymentIds };
}

/**
 * An HTTP or WebSocket API (`AWS::ApiGatewayV2::Api`); returns its id. `quickCreateTarget` makes
 * an HTTP API by quick create, which also creates its `$default` stage with auto-deploy on (the
 * Api schema's `Target` description), as CDK's `HttpApi` does.
 */
export async function provisionV2Api(
  port: CloudControlPort,
  name: string,
  protocol: 'HTTP' | 'WEBSOCKET',
  quickCreateTarget?: string,
): Promise<string> {
  return createAndWait(port, 'AWS::ApiGatewayV2::Api', {
    Name: name,
    ProtocolType: protocol,
    // Required for WebSocket APIs (the Api schema's RouteSelectionExpression description).
    ...(protocol === 'WEBSOCKET' ? { RouteSelectionExpression: '$request.body.action' } : {}),
    ...(quickCreateTarget ? { Target: quickCreateTarget } : {}),
  });
}
