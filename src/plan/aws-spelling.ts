/**
 * The way back from the canonical form: values the rewrite rules canonicalised (resource paths
 * in natural form) are spelled as AWS stores them again before they are sent, so the next read
 * returns what was written and compares equal without relying on the rules.
 */
import type { StageProperties } from '../model/stage.ts';
import { REWRITE_RULES, type RewriteRule } from './normalization-rules.ts';
import { elementAt, isJsonObject, memberAt, normalizeStage } from './normalize.ts';

type Json = unknown;

const TO_AWS: ReadonlyMap<string, RewriteRule> = new Map(
  REWRITE_RULES.filter((rule) => rule.toAws !== undefined).map((rule) => [rule.at, rule]),
);

/** `value`, found at schema location `at` of a normalised stage, in AWS's spelling. */
export function inAwsSpelling(value: Json, at: string): Json {
  let result = value;
  if (Array.isArray(result)) {
    result = result.map((element) => inAwsSpelling(element, elementAt(at)));
  } else if (isJsonObject(result)) {
    const source = result;
    result = Object.fromEntries(
      Object.keys(source).map((key) => [key, inAwsSpelling(source[key], memberAt(at, key))]),
    );
  }
  const rule = TO_AWS.get(at);
  return rule?.toAws ? rule.toAws(result) : result;
}

/**
 * The desired properties as stage-sync writes them (a create's `DesiredState`, a plan's `after`):
 * normalised, so nothing AWS would drop or respell is sent, then in AWS's spelling.
 */
export function desiredModel(properties: StageProperties): StageProperties {
  return inAwsSpelling(normalizeStage(properties), '') as StageProperties;
}
