/** The REST stage the apply's unit tests plan and write: `Prod`, `api1234|prod`, of `acme/api`. */
import type { DesiredStage } from '../../src/model/stage.ts';

export const REPO = 'acme/api';
export const IDENTIFIER = 'api1234|prod';

/** The stage as its spec declares it, with `description` as its Description. */
export const prodStage = (description: string): DesiredStage => ({
  name: 'Prod',
  identifier: IDENTIFIER,
  properties: {
    RestApiId: 'api1234',
    StageName: 'prod',
    DeploymentId: 'dep0001',
    Description: description,
  },
  source: { file: 'stages.yml', line: 1, column: 1 },
});
