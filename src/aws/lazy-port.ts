/**
 * A Cloud Control port whose adapter is loaded on its first call. The AWS SDK is the largest part
 * of the bundle and costs about 70 ms to load (bench/README.md, cold start); a run that makes no
 * AWS call (invalid specs, bad inputs, no stage declared) should not pay for it.
 */
import type { CloudControlPort } from './cloud-control-port.ts';

export function lazyPort(load: () => Promise<CloudControlPort>): CloudControlPort {
  let loading: Promise<CloudControlPort> | undefined;
  const port = (): Promise<CloudControlPort> => (loading ??= load());
  return {
    getResource: async (...args) => (await port()).getResource(...args),
    listResources: async (...args) => (await port()).listResources(...args),
    createResource: async (...args) => (await port()).createResource(...args),
    updateResource: async (...args) => (await port()).updateResource(...args),
    deleteResource: async (...args) => (await port()).deleteResource(...args),
    getResourceRequestStatus: async (...args) => (await port()).getResourceRequestStatus(...args),
    cancelResourceRequest: async (...args) => (await port()).cancelResourceRequest(...args),
  };
}
