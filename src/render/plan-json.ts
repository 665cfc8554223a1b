/**
 * The `plan-json` output: the plan model as JSON, the same model the comment, the summary and the
 * apply read, so a workflow step can act on exactly what was reviewed.
 */
import type { Plan } from '../plan/types.ts';

/** The plan as the `plan-json` file holds it, pretty-printed, ending in a newline. */
export function planJsonText(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
