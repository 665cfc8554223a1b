/**
 * What an update may write, as data: properties the patch never touches, and the updates that go
 * through another API than Cloud Control, with their sources. The other write rules are tied to the objects they govern (`KEPT_OBJECT_RULES` in
 * normalization-rules.ts: no field-level remove inside an object AWS keeps, fact 23 of
 * docs/reference/aws-recorded-behaviour.md) and are applied by the walk in `compare.ts`.
 */
import type { StageProperties } from '../model/stage.ts';
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

/**
 * Updates Cloud Control cannot make, sent through the service's own API instead. The plan says
 * so next to the change (`note`), and the apply follows `service`.
 */
export interface UpdateRouteRule {
  readonly name: string;
  readonly service: 'apigatewayv2';
  /** Whether an update from `before` (live) to `after` (what the apply leaves) takes this route. */
  readonly applies: (before: StageProperties, after: StageProperties) => boolean;
  /** What the reviewer is told. */
  readonly note: string;
  /**
   * Top-level properties this API can set but not remove: a removal is shown with the note and
   * never written.
   */
  readonly cannotClear: readonly NotInPlaceRule[];
  readonly source: string;
}

const EVIDENCE = 'docs/evidence/apigatewayv2-stage.md';

export const V2_UPDATE_ROUTE: UpdateRouteRule = {
  name: 'auto-deploy-stage-updated-through-api-gateway',
  service: 'apigatewayv2',
  // A model with AutoDeploy true and the minted DeploymentId fails in the handler; a stage leaving
  // auto-deploy is sent the same way, so the handler never replays the minted id (fact 19 of the
  // evidence, that it would be accepted, is inference).
  applies: (before, after) => before.AutoDeploy === true || after.AutoDeploy === true,
  note: 'updated through API Gateway: Cloud Control cannot update auto-deploy stages',
  cannotClear: ['Description', 'ClientCertificateId'].map((at) => ({
    name: `${at}-not-cleared-by-update-stage`,
    at,
    note: 'API Gateway cannot clear this on an auto-deploy stage (UpdateStage keeps the old value): the apply leaves it',
    source: `${EVIDENCE} item 17 (Description has no clearing path, live-probed; ClientCertificateId by inference)`,
  })),
  source: `${EVIDENCE} item 5 (go-to-k/cdk-real-drift#667 and PR #680; aws-controllers-k8s/apigatewayv2-controller#15); docs/reference/aws-recorded-behaviour.md fact 36`,
};

/**
 * RestApiId and StageName (for a V2 stage, ApiId and StageName: src/stage-types/): the schema's createOnlyProperties, which are also its
 * primaryIdentifier (src/schema/aws-apigateway-stage.json). A stage whose spec names another API or
 * stage name has another identifier, so it is another stage: a create (and, with prune, a delete
 * of the old one), never an update. An update therefore never writes them; a patch on them would
 * fail with NotUpdatable (fact 7).
 */
export const IDENTITY_PROPERTIES: ReadonlySet<string> = CREATE_ONLY_PROPERTIES;
