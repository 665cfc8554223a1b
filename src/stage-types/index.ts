/** The resource types stage-sync manages, by CloudFormation type name. */
import type { StageTypeName } from '../model/stage.ts';
import { REST_STAGE } from './rest-stage.ts';
import type { StageType } from './stage-type.ts';
import { V2_STAGE } from './v2-stage.ts';

export type { StageType } from './stage-type.ts';
export { REST_STAGE } from './rest-stage.ts';
export { V2_STAGE } from './v2-stage.ts';

/** Every managed type, the default (REST) first. */
export const STAGE_TYPES: readonly StageType[] = [REST_STAGE, V2_STAGE];

/** The type a spec means unless it says `type:` (in a stage or in `defaults:`). */
export const DEFAULT_STAGE_TYPE: StageType = REST_STAGE;

/** What `typeName` is; absent means the default type, as in a spec. */
export function stageTypeOf(typeName: StageTypeName | undefined): StageType {
  if (typeName === undefined) return DEFAULT_STAGE_TYPE;
  if (typeName === REST_STAGE.typeName) return REST_STAGE;
  if (typeName === V2_STAGE.typeName) return V2_STAGE;
  throw new Error(`stage-sync does not manage ${String(typeName)}`);
}

/** The type named `name` (a spec's `type:` value), or `undefined` when stage-sync manages none. */
export function stageTypeNamed(name: string): StageType | undefined {
  return STAGE_TYPES.find((type) => type.typeName === name);
}
