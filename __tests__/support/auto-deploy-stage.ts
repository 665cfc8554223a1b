/**
 * An HTTP API's auto-deploy `$default` stage as Cloud Control reads it: a DeploymentId the
 * auto-deploy minted, the defaults AWS fills in, tags as a map (docs/evidence/apigatewayv2-stage.md
 * items 4, 6, 7 and 10). The tests of the planner and of the API Gateway V2 route share it.
 */
import type { StageProperties } from '../../src/model/stage.ts';

export const AUTO_DEPLOY_API = 'z1mf4h761f';

export const autoDeployStageAsRead = (
  tags: Record<string, string>,
  extra: StageProperties = {},
): StageProperties => ({
  ApiId: AUTO_DEPLOY_API,
  StageName: '$default',
  AutoDeploy: true,
  DeploymentId: '1axai8',
  DefaultRouteSettings: { DetailedMetricsEnabled: false },
  RouteSettings: {},
  StageVariables: {},
  Tags: tags,
  ...extra,
});
