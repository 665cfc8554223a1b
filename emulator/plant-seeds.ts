/**
 * Puts the REST and V2 APIs that `--rest-api` and `--seed-from` name into a running emulator,
 * through its seeding hooks (no Cloud Control calls), and says what it seeded: one line per API,
 * which the CLI prints after its first line (docs/emulator.md "Starting it").
 */
import type { SeedRestApiArg } from './cli-args.ts';
import type { SeedV2ApiArg } from './seed-from-specs.ts';
import type { RunningEmulator } from './server.ts';

export interface Seeds {
  readonly restApis: readonly SeedRestApiArg[];
  readonly v2Apis: readonly SeedV2ApiArg[];
}

const PROTOCOL_LABELS = { HTTP: 'HTTP API', WEBSOCKET: 'WebSocket API' } as const;

function seededLine(
  label: string,
  apiId: string,
  name: string | undefined,
  deploymentIds: readonly string[],
): string {
  const named = name !== undefined ? ` (${name})` : '';
  const deployments =
    deploymentIds.length > 0 ? ` with deployments ${deploymentIds.join(', ')}` : '';
  return `Seeded ${label} ${apiId}${named}${deployments}`;
}

/** Seeds every API with its deployments; returns a line per API, REST APIs first. */
export function plantSeeds(
  emulator: Pick<RunningEmulator, 'putRestApi' | 'putDeployment' | 'apiGatewayV2'>,
  seeds: Seeds,
): string[] {
  const lines: string[] = [];
  for (const { restApiId, name, deploymentIds } of seeds.restApis) {
    emulator.putRestApi({ RestApiId: restApiId, ...(name !== undefined ? { Name: name } : {}) });
    for (const deploymentId of deploymentIds)
      emulator.putDeployment(restApiId, { DeploymentId: deploymentId });
    lines.push(seededLine('REST API', restApiId, name, deploymentIds));
  }
  for (const { apiId, name, protocolType, deploymentIds } of seeds.v2Apis) {
    emulator.apiGatewayV2.putApi({
      ApiId: apiId,
      ProtocolType: protocolType,
      ...(name !== undefined ? { Name: name } : {}),
    });
    for (const deploymentId of deploymentIds)
      emulator.apiGatewayV2.putDeployment(apiId, deploymentId);
    lines.push(seededLine(PROTOCOL_LABELS[protocolType], apiId, name, deploymentIds));
  }
  return lines;
}
