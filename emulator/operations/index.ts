/** The eight Cloud Control operations by wire name. */
import type { OperationName } from '../protocol/wire.ts';
import type { Operation } from './context.ts';
import { getResource, listResources } from './reads.ts';
import {
  cancelResourceRequest,
  getResourceRequestStatus,
  listResourceRequests,
} from './request-status.ts';
import { createResource, deleteResource, updateResource } from './writes.ts';

export const OPERATION_HANDLERS: Readonly<Record<OperationName, Operation>> = {
  CreateResource: createResource,
  GetResource: getResource,
  UpdateResource: updateResource,
  DeleteResource: deleteResource,
  ListResources: listResources,
  GetResourceRequestStatus: getResourceRequestStatus,
  ListResourceRequests: listResourceRequests,
  CancelResourceRequest: cancelResourceRequest,
};
