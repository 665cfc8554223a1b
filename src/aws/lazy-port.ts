/**
 * Ports whose adapter is loaded on its first call. The AWS SDK is the largest part of the bundle
 * and costs about 70 ms to load (bench/README.md, cold start); a run that makes no AWS call
 * (invalid specs, bad inputs, no stage declared) should not pay for it, and a run that updates no
 * auto-deploy V2 stage never loads the API Gateway V2 client at all.
 */
import type { ApiGatewayV2Port } from './apigatewayv2-port.ts';
import type { CloudControlPort } from './cloud-control-port.ts';
import type { SdkClientOptions } from './sdk-client-config.ts';

/** `load`, called once, on the first call that needs it (a rejection is kept too). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

export function lazyPort(load: () => Promise<CloudControlPort>): CloudControlPort {
  const port = once(load);
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

export function lazyApiGatewayV2Port(load: () => Promise<ApiGatewayV2Port>): ApiGatewayV2Port {
  const port = once(load);
  return {
    updateStage: async (...args) => (await port()).updateStage(...args),
    deleteRouteSettings: async (...args) => (await port()).deleteRouteSettings(...args),
    deleteAccessLogSettings: async (...args) => (await port()).deleteAccessLogSettings(...args),
    tagResource: async (...args) => (await port()).tagResource(...args),
    untagResource: async (...args) => (await port()).untagResource(...args),
    stageArn: async (...args) => (await port()).stageArn(...args),
  };
}

/**
 * The API Gateway V2 client (apigatewayv2-client.ts) with `options`, its module imported only
 * when an update goes through API Gateway V2 (an auto-deploy V2 stage). Without an endpoint it
 * follows AWS_ENDPOINT_URL_APIGATEWAYV2, as Cloud Control's follows AWS_ENDPOINT_URL_CLOUDCONTROL.
 */
export function lazyApiGatewayV2Client(options: SdkClientOptions): ApiGatewayV2Port {
  return lazyApiGatewayV2Port(async () =>
    (await import('./apigatewayv2-client.ts')).createApiGatewayV2Port(options),
  );
}
