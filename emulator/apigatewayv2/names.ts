/**
 * Names and id shapes of API Gateway V2 (HTTP and WebSocket APIs) as the emulator stores them.
 * Sources: the registry schemas vendored in emulator/registry/ (`aws-apigatewayv2-stage.json`,
 * `aws-apigatewayv2-api.json`) and the live captures listed in docs/evidence/apigatewayv2-stage.md.
 */

export const V2_API = 'AWS::ApiGatewayV2::Api';
export const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
export const V2_DEPLOYMENT = 'AWS::ApiGatewayV2::Deployment';

/** API ids are 10 lowercase characters (`z1mf4h761f` in the live corpus). */
export const V2_API_ID_LENGTH = 10;
/** Deployment ids are 6 lowercase characters (`1axai8`, `yy83cc`, `e60xod` in the live corpus). */
export const V2_DEPLOYMENT_ID_LENGTH = 6;

/** The emulated account and region: one of each (docs/emulator.md, "What it does not emulate"). */
export const EMULATED_ACCOUNT = '123456789012';
export const EMULATED_REGION = 'us-east-1';

export type ProtocolType = 'HTTP' | 'WEBSOCKET';
export const PROTOCOL_TYPES: readonly ProtocolType[] = ['HTTP', 'WEBSOCKET'];

/** The world key of a stage, which is also its Cloud Control identifier (`ApiId|StageName`). */
export function v2StageKey(apiId: string, stageName: string): string {
  return `${apiId}|${stageName}`;
}

/** The world key of a deployment, its Cloud Control identifier (`ApiId|DeploymentId`). */
export function v2DeploymentKey(apiId: string, deploymentId: string): string {
  return `${apiId}|${deploymentId}`;
}
