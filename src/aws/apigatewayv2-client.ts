/**
 * ApiGatewayV2Port over the real @aws-sdk/client-apigatewayv2. The endpoint comes from the SDK's
 * standard configuration (AWS_ENDPOINT_URL_APIGATEWAYV2, the service-specific endpoint variable,
 * reaches the emulator, which serves API Gateway V2's REST API under `/v2/`: docs/emulator.md)
 * unless given explicitly.
 *
 * Layer 1 of the retry policy (src/retry/policy.ts), as in the Cloud Control adapter
 * (cloud-control-client.ts): every call goes through a `RequestPacer` behind a
 * `PacedRetryStrategy`, so throttling (429 TooManyRequestsException: docs/evidence/
 * apigatewayv2-stage.md item 22) is retried up to `CALL_ATTEMPTS.throttled` and transport and
 * server faults up to `CALL_ATTEMPTS.other`, while other 4xx answers are not retried; every
 * attempt is bounded by `CALL_TIMEOUTS`. Resending is safe for each call the apply makes: each
 * sets or removes values, so a request that got through and is sent again changes nothing more
 * (a DeleteRouteSettings sent twice answers NotFound the second time, which the apply counts as
 * done: src/apply/apigatewayv2-update.ts).
 */
import {
  ApiGatewayV2Client,
  DeleteAccessLogSettingsCommand,
  DeleteRouteSettingsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStageCommand,
  type LoggingLevel,
  type RouteSettings,
} from '@aws-sdk/client-apigatewayv2';
import {
  ApiGatewayV2Error,
  v2StageArn,
  type ApiGatewayV2Port,
  type RouteSettingsMembers,
} from './apigatewayv2-port.ts';
import { stageIdentifier } from '../model/stage.ts';
import { sdkClientConfig, sdkFailure, type SdkClientOptions } from './sdk-client-config.ts';

/** SDK exceptions become ApiGatewayV2Error with the wire exception name as `code`. */
async function call(what: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    const { code, message, fault } = sdkFailure(error);
    throw new ApiGatewayV2Error(code, `${what}: ${message}`, fault);
  }
}

/** The SDK's types name the logging level as its enum; the stage model holds the same strings. */
function routeSettings(members: RouteSettingsMembers): RouteSettings {
  const { LoggingLevel: level, ...rest } = members;
  return { ...rest, ...(level !== undefined ? { LoggingLevel: level as LoggingLevel } : {}) };
}

/** `options.endpoint` overrides AWS_ENDPOINT_URL_APIGATEWAYV2. */
export function createApiGatewayV2Port(options: SdkClientOptions = {}): ApiGatewayV2Port {
  // Every call the apply makes here is a write: one client, one pacer.
  const client = new ApiGatewayV2Client(sdkClientConfig(options));

  return {
    async updateStage(apiId, stageName, members) {
      const { DefaultRouteSettings: defaults, RouteSettings: routes, ...rest } = members;
      await call(`UpdateStage ${stageIdentifier(apiId, stageName)}`, () =>
        client.send(
          new UpdateStageCommand({
            ApiId: apiId,
            StageName: stageName,
            ...rest,
            ...(defaults ? { DefaultRouteSettings: routeSettings(defaults) } : {}),
            ...(routes
              ? {
                  RouteSettings: Object.fromEntries(
                    Object.entries(routes).map(([key, value]) => [key, routeSettings(value)]),
                  ),
                }
              : {}),
          }),
        ),
      );
    },

    async deleteRouteSettings(apiId, stageName, routeKey) {
      await call(`DeleteRouteSettings ${stageIdentifier(apiId, stageName)} ${routeKey}`, () =>
        client.send(
          new DeleteRouteSettingsCommand({
            ApiId: apiId,
            StageName: stageName,
            RouteKey: routeKey,
          }),
        ),
      );
    },

    async deleteAccessLogSettings(apiId, stageName) {
      await call(`DeleteAccessLogSettings ${stageIdentifier(apiId, stageName)}`, () =>
        client.send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: stageName })),
      );
    },

    async tagResource(resourceArn, tags) {
      await call(`TagResource ${resourceArn}`, () =>
        client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: { ...tags } })),
      );
    },

    async untagResource(resourceArn, tagKeys) {
      await call(`UntagResource ${resourceArn}`, () =>
        client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...tagKeys] })),
      );
    },

    async stageArn(apiId, stageName) {
      // The region the client resolved (the option, AWS_REGION or the shared config), so the tag
      // calls name the stage in the region the updates go to.
      return v2StageArn(await client.config.region(), apiId, stageName);
    },
  };
}
