/**
 * Properties a stage must not declare in the presence of another value, as data with the reason
 * and its source. The loader refuses them with the reason, so the plan never holds them.
 */
import { V2_STAGE_TYPE_NAME, type StageTypeName } from '../model/stage.ts';

export interface RefusedDeclaration {
  readonly type: StageTypeName;
  /** The merged stage has every one of these values. */
  readonly when: Readonly<Record<string, unknown>>;
  /** The property it must then not declare. */
  readonly refused: string;
  /** Why, for the problem's message. */
  readonly why: string;
  /** What to do instead. */
  readonly instead: string;
  readonly source: string;
}

export const REFUSED_DECLARATIONS: readonly RefusedDeclaration[] = [
  {
    type: V2_STAGE_TYPE_NAME,
    when: { AutoDeploy: true },
    refused: 'DeploymentId',
    why: 'with auto-deploy API Gateway creates a new deployment on every change to the API and points the stage at it, and it refuses a DeploymentId for such a stage ("Deployment ID cannot be set on this stage because AutoDeploy is enabled")',
    instead: 'remove DeploymentId, or set AutoDeploy: false to pin the stage to a deployment',
    source:
      'docs/evidence/apigatewayv2-stage.md items 4 (auto-deploy mints and re-mints the DeploymentId) and 5 (UpdateStage and Cloud Control refuse it)',
  },
];

/** The rules `properties` (a merged stage of `type`) breaks. */
export function refusedDeclarations(
  type: StageTypeName,
  properties: Readonly<Record<string, unknown>>,
): RefusedDeclaration[] {
  return REFUSED_DECLARATIONS.filter(
    (rule) =>
      rule.type === type &&
      rule.refused in properties &&
      Object.entries(rule.when).every(([key, value]) => properties[key] === value),
  );
}
