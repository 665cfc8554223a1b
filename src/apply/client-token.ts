/**
 * Deterministic Cloud Control `ClientToken`s.
 *
 * Cloud Control treats a repeated token with an identical request as the same request and returns
 * that request's current ProgressEvent instead of doing the work again; a token is valid for 36
 * hours once used, and the same token with a different request is a `ClientTokenConflictException`
 * (CC API reference, CreateResource `ClientToken`; docs/reference/cloudcontrol-notes.md §1.7). Deriving the token from
 * what the write is (commit, stage, operation, payload, attempt) rather than a random UUID makes a
 * retried call, or a re-run of the same commit after the runner was killed, idempotent.
 */
import { createHash } from 'node:crypto';
import type { ResourceOperation } from '../aws/cloud-control-port.ts';
import { canonicalJson } from '../plan/canonical-json.ts';

/** Cloud Control's `ClientToken` constraints (service-2.json: length 1–128, `[-A-Za-z0-9+/=]+`). */
export const CLIENT_TOKEN_PATTERN = /^[-A-Za-z0-9+/=]{1,128}$/;

export interface ClientTokenInput {
  /** `owner/repo`: forks share commit SHAs, so the repository is part of the identity. */
  readonly repository: string;
  readonly commitSha: string;
  /** `RestApiId|StageName`. */
  readonly identifier: string;
  readonly operation: ResourceOperation;
  /**
   * What the write sends and what it was computed against (desired state, or live model plus
   * patch). A changed plan for the same commit then gets a new token rather than a conflict.
   */
  readonly payload: unknown;
  /** 1 for the first submission; each retry after a FAILED request takes the next number. */
  readonly attempt: number;
}

/**
 * `ss-<op>-<attempt>-<commit prefix>-<sha256 hex>`: the readable prefix helps someone matching a
 * request in `aws cloudcontrol list-resource-requests` to a run; the digest carries the identity.
 */
export function deriveClientToken(input: ClientTokenInput): string {
  // Canonical JSON: the key order the plan happened to build the payload in is not identity.
  const digest = createHash('sha256')
    .update(
      canonicalJson([
        'stage-sync/client-token/v1',
        input.repository,
        input.commitSha,
        input.identifier,
        input.operation,
        input.attempt,
        input.payload,
      ]),
    )
    .digest('hex');
  const commit = input.commitSha.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'nocommit';
  return `ss-${input.operation.toLowerCase()}-${input.attempt}-${commit}-${digest}`;
}
