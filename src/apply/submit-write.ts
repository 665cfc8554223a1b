/**
 * Sending one planned write to Cloud Control: its client token and the call. The token is
 * deterministic (client-token.ts), so a resend of the same request, by this run or a re-run of
 * the same commit, is the same request to AWS; the payload it covers is what makes two writes
 * "the same".
 */
import type {
  CloudControlPort,
  ProgressEvent,
  ResourceOperation,
} from '../aws/cloud-control-port.ts';
import type { StageProperties } from '../model/stage.ts';
import type { StageChange } from '../plan/types.ts';
import { createdWithCommit, patchWithCommit } from './applied-commit-tag.ts';
import { deriveClientToken } from './client-token.ts';
import { guardedPatch } from './patch-guards.ts';

/** A planned change that writes. */
export type WriteChange = Exclude<StageChange, { action: 'no-op' }>;

export const OPERATION: Readonly<Record<WriteChange['action'], ResourceOperation>> = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
};

/** What a client token covers besides the stage and operation: the request and its basis. */
function tokenPayload(change: WriteChange): unknown {
  switch (change.action) {
    case 'create':
      return change.after;
    case 'update':
      // The patch only means something against the live model it was computed from.
      return { before: change.before, patch: change.patch };
    case 'delete':
      return change.before;
  }
}

export interface WriteRequest {
  readonly repository: string;
  readonly commitSha: string;
  /** Each fresh submission takes the next attempt number; a resend reuses it. */
  readonly attempt: number;
}

/** The client token of `change`'s `attempt`-th submission. */
export function clientTokenOf(change: WriteChange, request: WriteRequest): string {
  return deriveClientToken({
    repository: request.repository,
    commitSha: request.commitSha,
    identifier: change.identifier,
    operation: OPERATION[change.action],
    payload: tokenPayload(change),
    attempt: request.attempt,
  });
}

/**
 * Submits `change` with the applied-commit tag (applied-commit-tag.ts) set against `live`, the
 * freshest read of the stage (the plan's, when the apply did not re-read it); an update's patch
 * holds only against that read (patch-guards.ts).
 */
export function submitWrite(
  port: CloudControlPort,
  change: WriteChange,
  live: StageProperties | undefined,
  request: WriteRequest,
): Promise<ProgressEvent> {
  const clientToken = clientTokenOf(change, request);
  switch (change.action) {
    case 'create':
      return port.createResource(
        change.type,
        createdWithCommit(change, request.commitSha),
        clientToken,
      );
    case 'update': {
      const read = live ?? change.before;
      return port.updateResource(
        change.type,
        change.identifier,
        guardedPatch(patchWithCommit(change, read, request.commitSha), read),
        clientToken,
      );
    }
    case 'delete':
      return port.deleteResource(change.type, change.identifier, clientToken);
  }
}
