export const id = 63;
export const ids = [63];
export const modules = {

/***/ 63:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createApiGatewayV2Port: () => (/* binding */ createApiGatewayV2Port)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4919);
/* harmony import */ var _apigatewayv2_port_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(583);
/* harmony import */ var _model_stage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9031);
/* harmony import */ var _sdk_client_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7875);
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




/** SDK exceptions become ApiGatewayV2Error with the wire exception name as `code`. */
async function call(what, send) {
    try {
        await send();
    }
    catch (error) {
        const { code, message, fault } = (0,_sdk_client_config_js__WEBPACK_IMPORTED_MODULE_1__/* .sdkFailure */ .$6)(error);
        throw new _apigatewayv2_port_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiGatewayV2Error */ .xl(code, `${what}: ${message}`, fault);
    }
}
/** The SDK's types name the logging level as its enum; the stage model holds the same strings. */
function routeSettings(members) {
    const { LoggingLevel: level, ...rest } = members;
    return { ...rest, ...(level !== undefined ? { LoggingLevel: level } : {}) };
}
/** `options.endpoint` overrides AWS_ENDPOINT_URL_APIGATEWAYV2. */
function createApiGatewayV2Port(options = {}) {
    // Every call the apply makes here is a write: one client, one pacer.
    const client = new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .ApiGatewayV2Client */ .qUf((0,_sdk_client_config_js__WEBPACK_IMPORTED_MODULE_1__/* .sdkClientConfig */ .kM)(options));
    return {
        async updateStage(apiId, stageName, members) {
            const { DefaultRouteSettings: defaults, RouteSettings: routes, ...rest } = members;
            await call(`UpdateStage ${(0,_model_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .stageIdentifier */ .en)(apiId, stageName)}`, () => client.send(new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .UpdateStageCommand */ .hJS({
                ApiId: apiId,
                StageName: stageName,
                ...rest,
                ...(defaults ? { DefaultRouteSettings: routeSettings(defaults) } : {}),
                ...(routes
                    ? {
                        RouteSettings: Object.fromEntries(Object.entries(routes).map(([key, value]) => [key, routeSettings(value)])),
                    }
                    : {}),
            })));
        },
        async deleteRouteSettings(apiId, stageName, routeKey) {
            await call(`DeleteRouteSettings ${(0,_model_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .stageIdentifier */ .en)(apiId, stageName)} ${routeKey}`, () => client.send(new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .DeleteRouteSettingsCommand */ .DCV({
                ApiId: apiId,
                StageName: stageName,
                RouteKey: routeKey,
            })));
        },
        async deleteAccessLogSettings(apiId, stageName) {
            await call(`DeleteAccessLogSettings ${(0,_model_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .stageIdentifier */ .en)(apiId, stageName)}`, () => client.send(new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .DeleteAccessLogSettingsCommand */ .yWo({ ApiId: apiId, StageName: stageName })));
        },
        async tagResource(resourceArn, tags) {
            await call(`TagResource ${resourceArn}`, () => client.send(new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .TagResourceCommand */ .eqU({ ResourceArn: resourceArn, Tags: { ...tags } })));
        },
        async untagResource(resourceArn, tagKeys) {
            await call(`UntagResource ${resourceArn}`, () => client.send(new _aws_sdk_client_apigatewayv2__WEBPACK_IMPORTED_MODULE_2__/* .UntagResourceCommand */ .RP$({ ResourceArn: resourceArn, TagKeys: [...tagKeys] })));
        },
        async stageArn(apiId, stageName) {
            // The region the client resolved (the option, AWS_REGION or the shared config), so the tag
            // calls name the stage in the region the updates go to.
            return (0,_apigatewayv2_port_js__WEBPACK_IMPORTED_MODULE_0__/* .v2StageArn */ .uQ)(await client.config.region(), apiId, stageName);
        },
    };
}


/***/ })

};
