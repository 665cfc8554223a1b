/**
 * The way back from the canonical form: values the rewrite rules canonicalised (resource paths
 * in natural form) are spelled as AWS stores them again before they are sent, so the next read
 * returns what was written and compares equal without relying on the rules.
 */
import { isJsonObject } from '../model/json.ts';
import type { StageProperties, StageTypeName } from '../model/stage.ts';
import { childAt, elementAt, normalizeStage, rulesOf, type Rules } from './normalize.ts';

type Json = unknown;

/** `value`, found at schema location `at` of a normalised stage, in AWS's spelling. */
export function inAwsSpelling(rules: Rules, value: Json, at: string): Json {
  let result = value;
  if (Array.isArray(result)) {
    result = result.map((element) => inAwsSpelling(rules, element, elementAt(at)));
  } else if (isJsonObject(result)) {
    const source = result;
    result = Object.fromEntries(
      Object.keys(source).map((key) => [
        key,
        inAwsSpelling(rules, source[key], childAt(rules, at, key)),
      ]),
    );
  }
  const toAws = rules.rewrites.get(at)?.toAws;
  return toAws ? toAws(result) : result;
}

/**
 * The desired properties as stage-sync writes them (a create's `DesiredState`, a plan's `after`):
 * normalised, so nothing AWS would drop or respell is sent, then in AWS's spelling.
 */
export function desiredModel(properties: StageProperties, type?: StageTypeName): StageProperties {
  return inAwsSpelling(rulesOf(type), normalizeStage(properties, type), '') as StageProperties;
}
