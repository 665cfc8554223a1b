/**
 * A plan of stages beside an API's own releases, as the real planner computes it: a stage named by
 * `rest-api:` whose deployment another pipeline moved (left to other tools), a canary promotion and
 * a canary start.
 */
import { MANAGED_BY_TAG_KEY, type DesiredStage } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import type { Plan } from '../../src/plan/types.ts';
import { planOf, REPOSITORY } from './fixtures.ts';

const API = 'a1b2c3d4e5';
const tags = [{ Key: MANAGED_BY_TAG_KEY, Value: REPOSITORY }];
const file = 'stages/payments.yml';

const spec = (name: string, stageName: string, line: number, extra: object): DesiredStage => ({
  name,
  identifier: `${API}|${stageName}`,
  properties: { RestApiId: API, StageName: stageName, ...extra },
  source: { file, line, column: 3 },
  apiName: 'payments-api',
});

const live = (stageName: string, extra: object) => ({
  identifier: `${API}|${stageName}`,
  properties: {
    RestApiId: API,
    StageName: stageName,
    TracingEnabled: false,
    CacheClusterEnabled: false,
    Tags: tags,
    ...extra,
  },
});

export function releasesPlan(): Plan {
  const fromPipeline = planStageChange(
    {
      ...spec('PaymentsLive', 'live', 5, { DeploymentId: 'dep0001', Description: 'Live stage' }),
      ignoreChanges: ['DeploymentId', 'CanarySetting.DeploymentId'],
    },
    live('live', { DeploymentId: 'dep0042', Description: 'Live' }),
    REPOSITORY,
  );
  const promotion = planStageChange(
    spec('PaymentsBeta', 'beta', 12, { DeploymentId: 'dep0007' }),
    live('beta', {
      DeploymentId: 'dep0006',
      CanarySetting: { DeploymentId: 'dep0007', PercentTraffic: 10, UseStageCache: false },
    }),
    REPOSITORY,
  );
  const start = planStageChange(
    spec('PaymentsCanary', 'canary', 18, {
      DeploymentId: 'dep0006',
      CanarySetting: { DeploymentId: 'dep0008', PercentTraffic: 25 },
    }),
    live('canary', { DeploymentId: 'dep0006' }),
    REPOSITORY,
  );
  return planOf([promotion, start, fromPipeline].sort((a, b) => a.name.localeCompare(b.name)));
}
