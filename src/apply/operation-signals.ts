/**
 * The port one stage of an apply uses when operations have their own window
 * (src/retry/operation-window.ts): the run's port, with AWS's answers about operations reported
 * to the window as they pass. A SUCCESS widens it; a congestion signal (`OPERATION_CONGESTION` in
 * src/retry/policy.ts) narrows it. Nothing is changed on the way: the stage sees what AWS said.
 */
import {
  CloudControlError,
  type CloudControlPort,
  type ProgressEvent,
} from '../aws/cloud-control-port.ts';
import { OPERATION_CONGESTION } from '../retry/policy.ts';
import type { OperationWindow, WindowTicket } from '../retry/operation-window.ts';

const CONGESTED_HANDLER_CODES: ReadonlySet<string> = new Set(OPERATION_CONGESTION.handlerCodes);
const CONGESTED_WRITE_ERRORS: ReadonlySet<string> = new Set(OPERATION_CONGESTION.writeErrors);

export function reportingOperations(
  port: CloudControlPort,
  window: OperationWindow,
  ticket: WindowTicket,
): CloudControlPort {
  const seen = (event: ProgressEvent): ProgressEvent => {
    if (event.status === 'SUCCESS') window.succeeded();
    else if (event.status === 'FAILED' && CONGESTED_HANDLER_CODES.has(event.errorCode ?? ''))
      window.congested(ticket);
    return event;
  };
  const write = async (send: () => Promise<ProgressEvent>): Promise<ProgressEvent> => {
    try {
      return seen(await send());
    } catch (error) {
      if (error instanceof CloudControlError && CONGESTED_WRITE_ERRORS.has(error.code))
        window.congested(ticket);
      throw error;
    }
  };
  return {
    getResource: (...args) => port.getResource(...args),
    listResources: (...args) => port.listResources(...args),
    createResource: (...args) => write(() => port.createResource(...args)),
    updateResource: (...args) => write(() => port.updateResource(...args)),
    deleteResource: (...args) => write(() => port.deleteResource(...args)),
    getResourceRequestStatus: async (...args) => seen(await port.getResourceRequestStatus(...args)),
    cancelResourceRequest: (...args) => port.cancelResourceRequest(...args),
  };
}
