/**
 * Sets up a world through Cloud Control itself: REST APIs and deployments, the way a user of the
 * emulator (or the demo, tests and benchmarks) prepares what stages need.
 */
import { randomUUID } from 'node:crypto';
import { awaitOperation } from '../src/apply/await-operation.ts';
import { defaultSleep } from '../src/apply/options.ts';
import type { CloudControlPort } from '../src/aws/cloud-control-port.ts';

const QUICK_POLLING = { baseMs: 50, factor: 1.5, capMs: 1_000 };

/** Creates a resource and waits for it; returns its identifier, or throws with AWS's message. */
export async function createAndWait(
  port: CloudControlPort,
  typeName: string,
  desiredState: Record<string, unknown>,
): Promise<string> {
  const first = await port.createResource(typeName, desiredState, randomUUID());
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
  if (settled.kind !== 'settled' || event.status !== 'SUCCESS' || !event.identifier) {
    throw new Error(
      `Creating ${typeName} failed: ${event.errorCode ?? settled.kind} ${event.statusMessage ?? ''}`.trim(),
    );
  }
  return event.identifier;
}

/** A REST API with `deployments` deployments; returns their ids (Deployment's identifier is `DeploymentId|RestApiId`). */
export async function provisionRestApi(
  port: CloudControlPort,
  name: string,
  deployments: number,
): Promise<{ restApiId: string; deploymentIds: string[] }> {
  const restApiId = await createAndWait(port, 'AWS::ApiGateway::RestApi', { Name: name });
  const deploymentIds: string[] = [];
  for (let i = 0; i < deployments; i++) {
    const identifier = await createAndWait(port, 'AWS::ApiGateway::Deployment', {
      RestApiId: restApiId,
      Description: `${name} #${i + 1}`,
    });
    deploymentIds.push(identifier.split('|')[0] as string);
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
