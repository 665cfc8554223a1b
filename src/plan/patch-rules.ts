/**
 * What an update may write, as data: properties the patch never touches, with their source. The
 * other write rules are tied to the objects they govern (`KEPT_OBJECT_RULES` in
 * normalization-rules.ts: no field-level remove inside an object AWS keeps, fact 23 of
 * docs/reference/aws-recorded-behaviour.md) and are applied by the walk in `compare.ts`.
 */
import { CREATE_ONLY_PROPERTIES } from '../schema/stage-schema.ts';

const FACTS = 'docs/reference/aws-recorded-behaviour.md';

/** A property an update cannot change: its difference is shown with `note` and never written. */
export interface NotInPlaceRule {
  readonly name: string;
  /** Top-level property. */
  readonly at: string;
  /** What the reviewer is told next to the difference. */
  readonly note: string;
  readonly source: string;
}

export const NOT_IN_PLACE_RULES: readonly NotInPlaceRule[] = [
  {
    // How the Cloud Control handler would update it is unknown (fact 27, "Where the evidence is
    // thin"); a write that may fail is not promised. A create sets it as declared.
    name: 'documentation-version-not-updatable',
    at: 'DocumentationVersion',
    note: 'AWS cannot change this in place: the apply leaves it; recreate the stage to change it',
    source: `${FACTS} fact 27 (UpdateStage refuses /documentation_version)`,
  },
];

const NOT_IN_PLACE: ReadonlyMap<string, NotInPlaceRule> = new Map(
  NOT_IN_PLACE_RULES.map((rule) => [rule.at, rule]),
);

/** The not-in-place rule for the top-level property `at`, if an update cannot change it. */
export function notInPlaceRule(at: string): NotInPlaceRule | undefined {
  return NOT_IN_PLACE.get(at);
}

/**
 * RestApiId and StageName: the schema's createOnlyProperties, which are also its
 * primaryIdentifier (src/schema/aws-apigateway-stage.json). A stage whose spec names another API or
 * stage name has another identifier, so it is another stage: a create (and, with prune, a delete
 * of the old one), never an update. An update therefore never writes them; a patch on them would
 * fail with NotUpdatable (fact 7).
 */
export const IDENTITY_PROPERTIES: ReadonlySet<string> = CREATE_ONLY_PROPERTIES;
