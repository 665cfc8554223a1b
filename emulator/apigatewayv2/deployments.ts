/**
 * API Gateway V2 deployments in the emulated world: minted by CreateDeployment, and by the
 * service itself for an auto-deploy stage, which gets a new deployment whenever its API changes
 * (go-to-k/cdk-real-drift `src/normalize/noise.ts` GENERATED_TOPLEVEL_PATHS: the DeploymentId of
 * an auto-deploy stage is "minted and re-minted by the service on every auto-deployment").
 */
import type { Model, World } from '../resources/world.ts';
import {
  V2_DEPLOYMENT,
  V2_DEPLOYMENT_ID_LENGTH,
  V2_STAGE,
  v2DeploymentKey,
  v2StageKey,
} from './names.ts';

/** Stores a new deployment of `apiId` and returns its id. */
export function mintDeployment(world: World, apiId: string, fields: Model = {}): string {
  const deploymentId = world.newId(V2_DEPLOYMENT_ID_LENGTH);
  world.put(V2_DEPLOYMENT, v2DeploymentKey(apiId, deploymentId), {
    ...fields,
    ApiId: apiId,
    DeploymentId: deploymentId,
  });
  return deploymentId;
}

export function deploymentExists(world: World, apiId: string, deploymentId: string): boolean {
  return world.has(V2_DEPLOYMENT, v2DeploymentKey(apiId, deploymentId));
}

/**
 * What an API change does under auto-deploy: every stage of `apiId` with `AutoDeploy: true` gets
 * a freshly minted deployment. Returns the new DeploymentId by stage name.
 */
export function autoDeployApi(world: World, apiId: string, now: Date): Record<string, string> {
  const deployed: Record<string, string> = {};
  for (const [, stage] of world.all(V2_STAGE)) {
    if (stage.ApiId !== apiId || stage.AutoDeploy !== true) continue;
    const stageName = String(stage.StageName);
    const deploymentId = mintDeployment(world, apiId, { AutoDeployed: true });
    world.put(V2_STAGE, v2StageKey(apiId, stageName), {
      ...stage,
      DeploymentId: deploymentId,
      LastUpdatedDate: now.toISOString(),
    });
    deployed[stageName] = deploymentId;
  }
  return deployed;
}
