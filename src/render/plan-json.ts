/**
 * The `plan-json` output: the plan model as JSON, the same model the comment, the summary and the
 * apply read. One compatibility field: 1.0 wrote a REST stage's API name as `restApiName`; it
 * is now `apiName` for both stage types, and `restApiName` stays beside it on REST changes so that
 * a workflow reading 1.0's field keeps working within major version 1 (CHANGELOG.md).
 */
import { STAGE_TYPE_NAME } from '../model/stage.ts';
import type { Plan, StageChange } from '../plan/types.ts';

function withCompatibilityFields(change: StageChange): unknown {
  if (change.action === 'delete' || change.type !== STAGE_TYPE_NAME) return change;
  return change.apiName === undefined ? change : { ...change, restApiName: change.apiName };
}

/** The plan as the `plan-json` file holds it, pretty-printed, ending in a newline. */
export function planJsonText(plan: Plan): string {
  return `${JSON.stringify({ ...plan, changes: plan.changes.map(withCompatibilityFields) }, null, 2)}\n`;
}
