/**
 * Test hooks on the V2 world, without API calls: seed APIs, stages and deployments, mint them, and
 * "change" an API, which is what makes auto-deploy stages get a new DeploymentId (go-to-k/
 * cdk-real-drift `src/normalize/noise.ts`: "minted and re-minted by the service on every
 * auto-deployment"; docs/reference/aws-recorded-behaviour.md fact 37).
 */
import type { Model, World } from '../../resources/world.ts';
import { autoDeployApi, deploymentExists, mintDeployment } from '../deployments.ts';
import {
  V2_API,
  V2_API_ID_LENGTH,
  V2_DEPLOYMENT,
  V2_STAGE,
  v2DeploymentKey,
  v2StageKey,
  type ProtocolType,
} from '../names.ts';

export interface SeedV2Api {
  readonly ApiId?: string;
  readonly Name?: string;
  readonly ProtocolType?: ProtocolType;
  readonly RouteSelectionExpression?: string;
  readonly Tags?: Readonly<Record<string, string>>;
}

export interface V2Seeds {
  /** Seeds an API (HTTP unless said otherwise); returns its id. */
  putApi(api?: SeedV2Api): string;
  /**
   * Seeds a stage with `model` (Cloud Control names; ApiId and StageName required) as the service's
   * state, creating an HTTP API and its deployment when missing; an auto-deploy stage without a
   * DeploymentId gets a minted one.
   * Returns its identifier `ApiId|StageName`.
   */
  putStage(model: Record<string, unknown>): string;
  /** Mints a deployment of the API (CreateDeployment) and returns its id. */
  createDeployment(apiId: string): string;
  /**
   * Seeds an existing deployment of the API with a known id (a spec's `DeploymentId`, for
   * `--seed-from`), creating an HTTP API when the API is missing; returns the id.
   */
  putDeployment(apiId: string, deploymentId: string): string;
  /**
   * The API changed: every auto-deploy stage of it is deployed again and gets a new
   * DeploymentId. Returns the new ids by stage name.
   */
  changeApi(apiId: string): Record<string, string>;
}

export function createV2Seeds(world: World): V2Seeds {
  function putApi(api: SeedV2Api = {}): string {
    const apiId = api.ApiId ?? world.newId(V2_API_ID_LENGTH);
    const protocol = api.ProtocolType ?? 'HTTP';
    world.put(V2_API, apiId, {
      Name: apiId,
      ...(protocol === 'WEBSOCKET' ? { RouteSelectionExpression: '$request.body.action' } : {}),
      ...api,
      ProtocolType: protocol,
      ApiId: apiId,
      CreatedDate: new Date().toISOString(),
    });
    return apiId;
  }

  function putDeployment(apiId: string, deploymentId: string): string {
    if (!world.has(V2_API, apiId)) putApi({ ApiId: apiId });
    if (!deploymentExists(world, apiId, deploymentId))
      world.put(V2_DEPLOYMENT, v2DeploymentKey(apiId, deploymentId), {
        ApiId: apiId,
        DeploymentId: deploymentId,
      });
    return deploymentId;
  }

  function putStage(model: Record<string, unknown>): string {
    const { ApiId: apiId, StageName: stageName } = model;
    if (typeof apiId !== 'string' || typeof stageName !== 'string')
      throw new Error('putStage needs string ApiId and StageName');
    if (!world.has(V2_API, apiId)) putApi({ ApiId: apiId });
    const now = new Date().toISOString();
    const stage: Model = { CreatedDate: now, LastUpdatedDate: now, ...model };
    if (stage.AutoDeploy === true && typeof stage.DeploymentId !== 'string')
      stage.DeploymentId = mintDeployment(world, apiId, { AutoDeployed: true });
    if (typeof stage.DeploymentId === 'string') putDeployment(apiId, stage.DeploymentId);
    world.put(V2_STAGE, v2StageKey(apiId, stageName), stage);
    return v2StageKey(apiId, stageName);
  }

  return {
    putApi,
    putStage,
    putDeployment,
    createDeployment: (apiId) => mintDeployment(world, apiId),
    changeApi: (apiId) => autoDeployApi(world, apiId, new Date()),
  };
}
