export const id = 919;
export const ids = [919];
export const modules = {

/***/ 4919:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(2658);
const { Command: $Command } = __webpack_require__(2658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(7291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(2085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(3422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsRestJsonProtocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultApiGatewayV2HttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "apigateway",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultApiGatewayV2HttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "apigateway",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1168.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://apigateway-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://apigateway-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://apigateway.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://apigateway.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class ApiGatewayV2ServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.apigatewayv2#ApiGatewayV2ServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ApiGatewayV2ServiceException.prototype);
    }
}

class AccessDeniedException extends ApiGatewayV2ServiceException {
    static shapeId = "com.amazonaws.apigatewayv2#AccessDeniedException";
    name = "AccessDeniedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
        this.Message = opts.Message;
    }
}
class BadRequestException extends ApiGatewayV2ServiceException {
    static shapeId = "com.amazonaws.apigatewayv2#BadRequestException";
    name = "BadRequestException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "BadRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BadRequestException.prototype);
        this.Message = opts.Message;
    }
}
class ConflictException extends ApiGatewayV2ServiceException {
    static shapeId = "com.amazonaws.apigatewayv2#ConflictException";
    name = "ConflictException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.Message = opts.Message;
    }
}
class NotFoundException extends ApiGatewayV2ServiceException {
    static shapeId = "com.amazonaws.apigatewayv2#NotFoundException";
    name = "NotFoundException";
    $fault = "client";
    Message;
    ResourceType;
    constructor(opts) {
        super({
            name: "NotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NotFoundException.prototype);
        this.Message = opts.Message;
        this.ResourceType = opts.ResourceType;
    }
}
class TooManyRequestsException extends ApiGatewayV2ServiceException {
    static shapeId = "com.amazonaws.apigatewayv2#TooManyRequestsException";
    name = "TooManyRequestsException";
    $fault = "client";
    LimitType;
    Message;
    constructor(opts) {
        super({
            name: "TooManyRequestsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyRequestsException.prototype);
        this.LimitType = opts.LimitType;
        this.Message = opts.Message;
    }
}

const _A = "Api";
const _AC = "AllowCredentials";
const _ACA = "AuthorizerCredentialsArn";
const _ACI = "AppClientId";
const _ACMM = "ACMManaged";
const _ACc = "AccentColor";
const _AD = "AutoDeployed";
const _ADE = "AccessDeniedException";
const _ADu = "AutoDeploy";
const _AE = "ApiEndpoint";
const _AGDN = "ApiGatewayDomainName";
const _AGM = "ApiGatewayManaged";
const _AH = "AllowHeaders";
const _AI = "ApiId";
const _AIu = "AuthorizerId";
const _AKR = "ApiKeyRequired";
const _AKSE = "ApiKeySelectionExpression";
const _ALS = "AccessLogSettings";
const _AM = "ApiMapping";
const _AMI = "ApiMappingId";
const _AMK = "ApiMappingKey";
const _AMSE = "ApiMappingSelectionExpression";
const _AMc = "AcmManaged";
const _AMl = "AllowMethods";
const _AO = "AllowOrigins";
const _AOn = "AnyOf";
const _APFV = "AuthorizerPayloadFormatVersion";
const _ARTIS = "AuthorizerResultTtlInSeconds";
const _AS = "AuthorizationScopes";
const _AT = "AuthorizerType";
const _ATu = "AuthorizationType";
const _AU = "AuthorizerUri";
const _Ac = "Actions";
const _Au = "Authorization";
const _Aud = "Audience";
const _Aut = "Authorizer";
const _B = "Body";
const _BC = "BackgroundColor";
const _BRE = "BadRequestException";
const _Ba = "Basepath";
const _C = "Cors";
const _CA = "CertificateArn";
const _CAM = "CreateApiMapping";
const _CAMR = "CreateApiMappingRequest";
const _CAMRr = "CreateApiMappingResponse";
const _CAR = "CreateApiRequest";
const _CARr = "CreateApiResponse";
const _CARre = "CreateAuthorizerRequest";
const _CARrea = "CreateAuthorizerResponse";
const _CAr = "CredentialsArn";
const _CAre = "CreateApi";
const _CArea = "CreateAuthorizer";
const _CC = "CorsConfiguration";
const _CCI = "ClientCertificateId";
const _CCo = "CognitoConfig";
const _CCu = "CustomColors";
const _CD = "CreatedDate";
const _CDN = "CreateDomainName";
const _CDNR = "CreateDomainNameRequest";
const _CDNRr = "CreateDomainNameResponse";
const _CDR = "CreateDeploymentRequest";
const _CDRr = "CreateDeploymentResponse";
const _CDr = "CreateDeployment";
const _CE = "ConflictException";
const _CHS = "ContentHandlingStrategy";
const _CI = "ConnectionId";
const _CIR = "CreateIntegrationRequest";
const _CIRR = "CreateIntegrationResponseRequest";
const _CIRRr = "CreateIntegrationResponseResponse";
const _CIRr = "CreateIntegrationResult";
const _CIRre = "CreateIntegrationResponse";
const _CIr = "CreateIntegration";
const _CM = "CreateModel";
const _CMR = "CreateModelRequest";
const _CMRr = "CreateModelResponse";
const _CN = "CertificateName";
const _CP = "CreatePortal";
const _CPP = "CreatePortalProduct";
const _CPPR = "CreatePortalProductRequest";
const _CPPRr = "CreatePortalProductResponse";
const _CPPRre = "CreateProductPageRequest";
const _CPPRrea = "CreateProductPageResponse";
const _CPPr = "CreateProductPage";
const _CPR = "CreatePortalRequest";
const _CPREP = "CreateProductRestEndpointPage";
const _CPREPR = "CreateProductRestEndpointPageRequest";
const _CPREPRr = "CreateProductRestEndpointPageResponse";
const _CPRr = "CreatePortalResponse";
const _CR = "CreateRoute";
const _CRR = "CreateRouteRequest";
const _CRRR = "CreateRouteResponseRequest";
const _CRRRr = "CreateRouteResponseResponse";
const _CRRRre = "CreateRoutingRuleRequest";
const _CRRRrea = "CreateRoutingRuleResponse";
const _CRRr = "CreateRouteResult";
const _CRRre = "CreateRouteResponse";
const _CRRrea = "CreateRoutingRule";
const _CS = "CreateStage";
const _CSR = "CreateStageRequest";
const _CSRr = "CreateStageResponse";
const _CT = "ConnectionType";
const _CTo = "ContentType";
const _CUD = "CertificateUploadDate";
const _CVL = "CreateVpcLink";
const _CVLR = "CreateVpcLinkRequest";
const _CVLRr = "CreateVpcLinkResponse";
const _Co = "Conditions";
const _Con = "Contents";
const _D = "Description";
const _DA = "DestinationArn";
const _DALS = "DeleteAccessLogSettings";
const _DALSR = "DeleteAccessLogSettingsRequest";
const _DAM = "DeleteApiMapping";
const _DAMR = "DeleteApiMappingRequest";
const _DAR = "DeleteApiRequest";
const _DARe = "DeleteAuthorizerRequest";
const _DAe = "DeleteApi";
const _DAel = "DeleteAuthorizer";
const _DC = "DisplayContent";
const _DCC = "DeleteCorsConfiguration";
const _DCCR = "DeleteCorsConfigurationRequest";
const _DCO = "DisplayContentOverrides";
const _DD = "DeleteDeployment";
const _DDN = "DeleteDomainName";
const _DDNR = "DeleteDomainNameRequest";
const _DDR = "DeleteDeploymentRequest";
const _DEAE = "DisableExecuteApiEndpoint";
const _DI = "DeploymentId";
const _DIR = "DeleteIntegrationRequest";
const _DIRR = "DeleteIntegrationResponseRequest";
const _DIRe = "DeleteIntegrationResponse";
const _DIe = "DeleteIntegration";
const _DM = "DeleteModel";
const _DME = "DetailedMetricsEnabled";
const _DMR = "DeleteModelRequest";
const _DN = "DomainName";
const _DNA = "DomainNameArn";
const _DNC = "DomainNameConfigurations";
const _DNCo = "DomainNameConfiguration";
const _DNI = "DomainNameId";
const _DNS = "DomainNameStatus";
const _DNSM = "DomainNameStatusMessage";
const _DNi = "DisplayName";
const _DO = "DisplayOrder";
const _DP = "DeletePortal";
const _DPP = "DeletePortalProduct";
const _DPPR = "DeletePortalProductRequest";
const _DPPRe = "DeleteProductPageRequest";
const _DPPSP = "DeletePortalProductSharingPolicy";
const _DPPSPR = "DeletePortalProductSharingPolicyRequest";
const _DPPe = "DeleteProductPage";
const _DPR = "DeletePortalRequest";
const _DPREP = "DeleteProductRestEndpointPage";
const _DPREPR = "DeleteProductRestEndpointPageRequest";
const _DPRi = "DisablePortalRequest";
const _DPi = "DisablePortal";
const _DR = "DeleteRoute";
const _DRR = "DeleteRouteRequest";
const _DRRP = "DeleteRouteRequestParameter";
const _DRRPR = "DeleteRouteRequestParameterRequest";
const _DRRR = "DeleteRouteResponseRequest";
const _DRRRe = "DeleteRoutingRuleRequest";
const _DRRe = "DeleteRouteResponse";
const _DRRel = "DeleteRoutingRule";
const _DRS = "DefaultRouteSettings";
const _DRSR = "DeleteRouteSettingsRequest";
const _DRSe = "DeleteRouteSettings";
const _DS = "DeploymentStatus";
const _DSM = "DeploymentStatusMessage";
const _DSR = "DeleteStageRequest";
const _DSV = "DisableSchemaValidation";
const _DSe = "DeleteStage";
const _DTE = "DataTraceEnabled";
const _DVL = "DeleteVpcLink";
const _DVLR = "DeleteVpcLinkRequest";
const _DVLRe = "DeleteVpcLinkResponse";
const _De = "Deployment";
const _E = "Endpoint";
const _EA = "ExportApi";
const _EAR = "ExportApiRequest";
const _EARx = "ExportApiResponse";
const _EC = "EndpointConfiguration";
const _ECR = "EndpointConfigurationRequest";
const _ECRn = "EndpointConfigurationResponse";
const _EDC = "EndpointDisplayContent";
const _EDCR = "EndpointDisplayContentResponse";
const _EH = "ExposeHeaders";
const _ESR = "EnableSimpleResponses";
const _ET = "EndpointType";
const _EV = "ExportVersion";
const _EVC = "ErrorValidationColor";
const _Ex = "Exception";
const _F = "Format";
const _FOW = "FailOnWarnings";
const _GA = "GetApi";
const _GAM = "GetApiMapping";
const _GAMR = "GetApiMappingRequest";
const _GAMRe = "GetApiMappingResponse";
const _GAMRet = "GetApiMappingsRequest";
const _GAMRetp = "GetApiMappingsResponse";
const _GAMe = "GetApiMappings";
const _GAR = "GetApiRequest";
const _GARe = "GetApiResponse";
const _GARet = "GetApisRequest";
const _GARetp = "GetApisResponse";
const _GARetu = "GetAuthorizerRequest";
const _GARetut = "GetAuthorizerResponse";
const _GARetuth = "GetAuthorizersRequest";
const _GARetutho = "GetAuthorizersResponse";
const _GAe = "GetApis";
const _GAet = "GetAuthorizer";
const _GAetu = "GetAuthorizers";
const _GD = "GetDeployment";
const _GDN = "GetDomainName";
const _GDNR = "GetDomainNameRequest";
const _GDNRe = "GetDomainNameResponse";
const _GDNRet = "GetDomainNamesRequest";
const _GDNReto = "GetDomainNamesResponse";
const _GDNe = "GetDomainNames";
const _GDR = "GetDeploymentRequest";
const _GDRe = "GetDeploymentResponse";
const _GDRet = "GetDeploymentsRequest";
const _GDRete = "GetDeploymentsResponse";
const _GDe = "GetDeployments";
const _GI = "GetIntegration";
const _GIR = "GetIntegrationRequest";
const _GIRR = "GetIntegrationResponseRequest";
const _GIRRe = "GetIntegrationResponseResponse";
const _GIRRet = "GetIntegrationResponsesRequest";
const _GIRRetn = "GetIntegrationResponsesResponse";
const _GIRe = "GetIntegrationResult";
const _GIRet = "GetIntegrationsRequest";
const _GIRetn = "GetIntegrationsResponse";
const _GIRetnt = "GetIntegrationResponse";
const _GIRetnte = "GetIntegrationResponses";
const _GIe = "GetIntegrations";
const _GM = "GetModel";
const _GMR = "GetModelRequest";
const _GMRe = "GetModelResponse";
const _GMRet = "GetModelsRequest";
const _GMReto = "GetModelsResponse";
const _GMT = "GetModelTemplate";
const _GMTR = "GetModelTemplateRequest";
const _GMTRe = "GetModelTemplateResponse";
const _GMe = "GetModels";
const _GP = "GetPortal";
const _GPP = "GetPortalProduct";
const _GPPR = "GetPortalProductRequest";
const _GPPRe = "GetPortalProductResponse";
const _GPPRet = "GetProductPageRequest";
const _GPPRetr = "GetProductPageResponse";
const _GPPSP = "GetPortalProductSharingPolicy";
const _GPPSPR = "GetPortalProductSharingPolicyRequest";
const _GPPSPRe = "GetPortalProductSharingPolicyResponse";
const _GPPe = "GetProductPage";
const _GPR = "GetPortalRequest";
const _GPREP = "GetProductRestEndpointPage";
const _GPREPR = "GetProductRestEndpointPageRequest";
const _GPREPRe = "GetProductRestEndpointPageResponse";
const _GPRe = "GetPortalResponse";
const _GR = "GetRoute";
const _GRR = "GetRouteRequest";
const _GRRR = "GetRouteResponseRequest";
const _GRRRe = "GetRouteResponseResponse";
const _GRRRet = "GetRouteResponsesRequest";
const _GRRReto = "GetRouteResponsesResponse";
const _GRRRetou = "GetRoutingRuleRequest";
const _GRRRetout = "GetRoutingRuleResponse";
const _GRRe = "GetRouteResult";
const _GRRet = "GetRoutesRequest";
const _GRReto = "GetRoutesResponse";
const _GRRetou = "GetRouteResponse";
const _GRRetout = "GetRouteResponses";
const _GRRetouti = "GetRoutingRule";
const _GRe = "GetRoutes";
const _GS = "GetStage";
const _GSR = "GetStageRequest";
const _GSRe = "GetStageResponse";
const _GSRet = "GetStagesRequest";
const _GSRett = "GetStagesResponse";
const _GSe = "GetStages";
const _GT = "GetTags";
const _GTR = "GetTagsRequest";
const _GTRe = "GetTagsResponse";
const _GVL = "GetVpcLink";
const _GVLR = "GetVpcLinkRequest";
const _GVLRe = "GetVpcLinkResponse";
const _GVLRet = "GetVpcLinksRequest";
const _GVLRetp = "GetVpcLinksResponse";
const _GVLe = "GetVpcLinks";
const _H = "Header";
const _HC = "HeaderColor";
const _HZI = "HostedZoneId";
const _I = "Items";
const _IA = "InvokeApi";
const _IAR = "ImportApiRequest";
const _IARm = "ImportApiResponse";
const _IAT = "IpAddressType";
const _IAm = "ImportApi";
const _IE = "IncludeExtensions";
const _II = "ImportInfo";
const _IIn = "IntegrationId";
const _IM = "IntegrationMethod";
const _IP = "IdentifierParts";
const _IPPA = "IncludedPortalProductArns";
const _IR = "IntegrationResponse";
const _IRDC = "IncludeRawDisplayContent";
const _IRI = "IntegrationResponseId";
const _IRK = "IntegrationResponseKey";
const _IRSE = "IntegrationResponseSelectionExpression";
const _IS = "IdentitySource";
const _ISn = "IntegrationSubtype";
const _IT = "IntegrationType";
const _IU = "IntegrationUri";
const _IVE = "IdentityValidationExpression";
const _In = "Integration";
const _Is = "Issuer";
const _JC = "JwtConfiguration";
const _JWTC = "JWTConfiguration";
const _LDSM = "LastDeploymentStatusMessage";
const _LL = "LoggingLevel";
const _LLU = "LogoLastUploaded";
const _LM = "LastModified";
const _LP = "LastPublished";
const _LPD = "LastPublishedDescription";
const _LPP = "ListPortalProducts";
const _LPPR = "ListPortalProductsRequest";
const _LPPRi = "ListPortalProductsResponse";
const _LPPRis = "ListProductPagesRequest";
const _LPPRist = "ListProductPagesResponse";
const _LPPi = "ListProductPages";
const _LPR = "ListPortalsRequest";
const _LPREP = "ListProductRestEndpointPages";
const _LPREPR = "ListProductRestEndpointPagesRequest";
const _LPREPRi = "ListProductRestEndpointPagesResponse";
const _LPRi = "ListPortalsResponse";
const _LPi = "ListPortals";
const _LRR = "ListRoutingRules";
const _LRRR = "ListRoutingRulesRequest";
const _LRRRi = "ListRoutingRulesResponse";
const _LT = "LimitType";
const _LU = "LogoUri";
const _LUD = "LastUpdatedDate";
const _M = "Message";
const _MA = "MaxAge";
const _MBP = "MatchBasePaths";
const _MH = "MatchHeaders";
const _MI = "ModelId";
const _MR = "MaxResults";
const _MSE = "ModelSelectionExpression";
const _MTA = "MutualTlsAuthentication";
const _MTAI = "MutualTlsAuthenticationInput";
const _Me = "Method";
const _Mo = "Model";
const _N = "Name";
const _NC = "NavigationColor";
const _NFE = "NotFoundException";
const _NT = "NextToken";
const _No = "None";
const _O = "Overrides";
const _ON = "OperationName";
const _OPA = "OverviewPageArn";
const _OT = "OutputType";
const _OVCA = "OwnershipVerificationCertificateArn";
const _P = "Priority";
const _PA = "PortalArn";
const _PB = "PassthroughBehavior";
const _PC = "PortalContent";
const _PCa = "ParameterConstraints";
const _PD = "PolicyDocument";
const _PDDN = "PortalDefaultDomainName";
const _PDHZI = "PortalDomainHostedZoneId";
const _PFV = "PayloadFormatVersion";
const _PI = "PortalId";
const _PP = "PreviewPortal";
const _PPA = "PortalProductArn";
const _PPAr = "ProductPageArn";
const _PPAro = "ProductPageArns";
const _PPI = "PortalProductId";
const _PPIr = "ProductPageId";
const _PPPSP = "PutPortalProductSharingPolicy";
const _PPPSPR = "PutPortalProductSharingPolicyRequest";
const _PPPSPRu = "PutPortalProductSharingPolicyResponse";
const _PPR = "PreviewPortalRequest";
const _PPRr = "PreviewPortalResponse";
const _PPRu = "PublishPortalRequest";
const _PPRub = "PublishPortalResponse";
const _PPS = "PortalProductSummary";
const _PPSNB = "ProductPageSummaryNoBody";
const _PPu = "PublishPortal";
const _PREPA = "ProductRestEndpointPageArn";
const _PREPAr = "ProductRestEndpointPageArns";
const _PREPI = "ProductRestEndpointPageId";
const _PREPSNB = "ProductRestEndpointPageSummaryNoBody";
const _PRR = "PutRoutingRule";
const _PRRR = "PutRoutingRuleRequest";
const _PRRRu = "PutRoutingRuleResponse";
const _PS = "PublishStatus";
const _PSo = "PortalSummary";
const _PSr = "PreviewStatus";
const _PT = "ProtocolType";
const _PTa = "PageTitle";
const _PTo = "PortalTheme";
const _PU = "PreviewUrl";
const _Pa = "Path";
const _Pr = "Preview";
const _R = "Required";
const _RA = "ResourceArn";
const _RAC = "ResetAuthorizersCache";
const _RACR = "ResetAuthorizersCacheRequest";
const _RAI = "RestApiId";
const _RAMN = "RumAppMonitorName";
const _RAR = "ReimportApiRequest";
const _RARe = "ReimportApiResponse";
const _RAe = "ReimportApi";
const _RDC = "RawDisplayContent";
const _REI = "RestEndpointIdentifier";
const _RI = "RouteId";
const _RK = "RouteKey";
const _RM = "RoutingMode";
const _RMe = "RequestModels";
const _RMes = "ResponseModels";
const _RO = "ResourceOwner";
const _ROAI = "ResourceOwnerAccountId";
const _RP = "RequestParameters";
const _RPK = "RequestParameterKey";
const _RPe = "ResponseParameters";
const _RPo = "RouteParameters";
const _RR = "RoutingRules";
const _RRA = "RoutingRuleArn";
const _RRAIA = "RoutingRuleActionInvokeApi";
const _RRAo = "RoutingRuleAction";
const _RRC = "RoutingRuleCondition";
const _RRI = "RouteResponseId";
const _RRIo = "RoutingRuleId";
const _RRK = "RouteResponseKey";
const _RRMBP = "RoutingRuleMatchBasePaths";
const _RRMH = "RoutingRuleMatchHeaders";
const _RRMHV = "RoutingRuleMatchHeaderValue";
const _RRSE = "RouteResponseSelectionExpression";
const _RRo = "RouteResponse";
const _RRou = "RoutingRule";
const _RS = "RouteSettings";
const _RSE = "RouteSelectionExpression";
const _RSM = "RouteSettingsMap";
const _RT = "ResourceType";
const _RTe = "RequestTemplates";
const _RTes = "ResponseTemplates";
const _Ro = "Route";
const _S = "Stage";
const _SBP = "StripBasePath";
const _SE = "StatusException";
const _SGI = "SecurityGroupIds";
const _SI = "SubnetIds";
const _SN = "StageName";
const _SNTV = "ServerNameToVerify";
const _SNe = "SectionName";
const _SP = "SecurityPolicy";
const _SV = "StageVariables";
const _Sc = "Schema";
const _Se = "Section";
const _Sp = "Specification";
const _St = "Status";
const _T = "Tags";
const _TBL = "ThrottlingBurstLimit";
const _TC = "TlsConfig";
const _TCI = "TlsConfigInput";
const _TCe = "TextColor";
const _TIM = "TimeoutInMillis";
const _TIS = "TryItState";
const _TK = "TagKeys";
const _TMRE = "TooManyRequestsException";
const _TR = "TagResource";
const _TRL = "ThrottlingRateLimit";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _TSE = "TemplateSelectionExpression";
const _TU = "TruststoreUri";
const _TV = "TruststoreVersion";
const _TW = "TruststoreWarnings";
const _Ta = "Target";
const _Th = "Theme";
const _Ti = "Title";
const _UA = "UpdateApi";
const _UAM = "UpdateApiMapping";
const _UAMR = "UpdateApiMappingRequest";
const _UAMRp = "UpdateApiMappingResponse";
const _UAR = "UpdateApiRequest";
const _UARp = "UpdateApiResponse";
const _UARpd = "UpdateAuthorizerRequest";
const _UARpda = "UpdateAuthorizerResponse";
const _UAp = "UpdateAuthorizer";
const _UD = "UpdateDeployment";
const _UDN = "UpdateDomainName";
const _UDNR = "UpdateDomainNameRequest";
const _UDNRp = "UpdateDomainNameResponse";
const _UDR = "UpdateDeploymentRequest";
const _UDRp = "UpdateDeploymentResponse";
const _UI = "UpdateIntegration";
const _UIR = "UpdateIntegrationRequest";
const _UIRR = "UpdateIntegrationResponseRequest";
const _UIRRp = "UpdateIntegrationResponseResponse";
const _UIRp = "UpdateIntegrationResult";
const _UIRpd = "UpdateIntegrationResponse";
const _UM = "UpdateModel";
const _UMR = "UpdateModelRequest";
const _UMRp = "UpdateModelResponse";
const _UP = "UpdatePortal";
const _UPA = "UserPoolArn";
const _UPD = "UserPoolDomain";
const _UPP = "UpdatePortalProduct";
const _UPPR = "UpdatePortalProductRequest";
const _UPPRp = "UpdatePortalProductResponse";
const _UPPRpd = "UpdateProductPageRequest";
const _UPPRpda = "UpdateProductPageResponse";
const _UPPp = "UpdateProductPage";
const _UPR = "UpdatePortalRequest";
const _UPREP = "UpdateProductRestEndpointPage";
const _UPREPR = "UpdateProductRestEndpointPageRequest";
const _UPREPRp = "UpdateProductRestEndpointPageResponse";
const _UPRp = "UpdatePortalResponse";
const _UR = "UntagResource";
const _URR = "UntagResourceRequest";
const _URRR = "UpdateRouteResponseRequest";
const _URRRp = "UpdateRouteResponseResponse";
const _URRp = "UpdateRouteRequest";
const _URRpd = "UpdateRouteResult";
const _URRpda = "UpdateRouteResponse";
const _URp = "UpdateRoute";
const _US = "UpdateStage";
const _USR = "UpdateStageRequest";
const _USRp = "UpdateStageResponse";
const _UVL = "UpdateVpcLink";
const _UVLR = "UpdateVpcLinkRequest";
const _UVLRp = "UpdateVpcLinkResponse";
const _V = "Version";
const _VG = "ValueGlob";
const _VL = "VpcLink";
const _VLI = "VpcLinkId";
const _VLS = "VpcLinkStatus";
const _VLSM = "VpcLinkStatusMessage";
const _VLV = "VpcLinkVersion";
const _Va = "Value";
const _W = "Warnings";
const _a = "authorization";
const _aC = "allowCredentials";
const _aCA = "authorizerCredentialsArn";
const _aCI = "appClientId";
const _aCc = "accentColor";
const _aD = "autoDeployed";
const _aDu = "autoDeploy";
const _aE = "apiEndpoint";
const _aGDN = "apiGatewayDomainName";
const _aGM = "apiGatewayManaged";
const _aH = "allowHeaders";
const _aI = "apiId";
const _aIu = "authorizerId";
const _aKR = "apiKeyRequired";
const _aKSE = "apiKeySelectionExpression";
const _aLS = "accessLogSettings";
const _aM = "allowMethods";
const _aMI = "apiMappingId";
const _aMK = "apiMappingKey";
const _aMSE = "apiMappingSelectionExpression";
const _aMc = "acmManaged";
const _aO = "allowOrigins";
const _aOn = "anyOf";
const _aPFV = "authorizerPayloadFormatVersion";
const _aRTIS = "authorizerResultTtlInSeconds";
const _aS = "authorizationScopes";
const _aT = "authorizerType";
const _aTu = "authorizationType";
const _aU = "authorizerUri";
const _ac = "actions";
const _au = "audience";
const _b = "body";
const _bC = "backgroundColor";
const _ba = "basepath";
const _c = "client";
const _cA = "certificateArn";
const _cAr = "credentialsArn";
const _cC = "corsConfiguration";
const _cCI = "clientCertificateId";
const _cCo = "cognitoConfig";
const _cCu = "customColors";
const _cD = "createdDate";
const _cHS = "contentHandlingStrategy";
const _cI = "connectionId";
const _cN = "certificateName";
const _cT = "connectionType";
const _cTo = "contentType";
const _cUD = "certificateUploadDate";
const _co = "conditions";
const _con = "contents";
const _d = "description";
const _dA = "destinationArn";
const _dC = "displayContent";
const _dEAE = "disableExecuteApiEndpoint";
const _dI = "deploymentId";
const _dME = "detailedMetricsEnabled";
const _dN = "domainName";
const _dNA = "domainNameArn";
const _dNC = "domainNameConfigurations";
const _dNI = "domainNameId";
const _dNS = "domainNameStatus";
const _dNSM = "domainNameStatusMessage";
const _dNi = "displayName";
const _dO = "displayOrder";
const _dRS = "defaultRouteSettings";
const _dS = "deploymentStatus";
const _dSM = "deploymentStatusMessage";
const _dSV = "disableSchemaValidation";
const _dTE = "dataTraceEnabled";
const _e = "error";
const _eC = "endpointConfiguration";
const _eH = "exposeHeaders";
const _eSR = "enableSimpleResponses";
const _eT = "endpointType";
const _eV = "exportVersion";
const _eVC = "errorValidationColor";
const _en = "endpoint";
const _ex = "exception";
const _f = "format";
const _fOW = "failOnWarnings";
const _h = "header";
const _hC = "headerColor";
const _hE = "httpError";
const _hQ = "httpQuery";
const _hZI = "hostedZoneId";
const _ht = "http";
const _i = "items";
const _iA = "invokeApi";
const _iAT = "ipAddressType";
const _iE = "includeExtensions";
const _iI = "importInfo";
const _iIn = "integrationId";
const _iM = "integrationMethod";
const _iP = "identifierParts";
const _iPPA = "includedPortalProductArns";
const _iRDC = "includeRawDisplayContent";
const _iRI = "integrationResponseId";
const _iRK = "integrationResponseKey";
const _iRSE = "integrationResponseSelectionExpression";
const _iS = "identitySource";
const _iSn = "integrationSubtype";
const _iT = "integrationType";
const _iU = "integrationUri";
const _iVE = "identityValidationExpression";
const _is = "issuer";
const _jC = "jwtConfiguration";
const _jN = "jsonName";
const _lDSM = "lastDeploymentStatusMessage";
const _lL = "loggingLevel";
const _lLU = "logoLastUploaded";
const _lM = "lastModified";
const _lOA = "__listOfApi";
const _lOAM = "__listOfApiMapping";
const _lOAi = "__listOfAuthorizer";
const _lOD = "__listOfDeployment";
const _lODN = "__listOfDomainName";
const _lOI = "__listOfIntegration";
const _lOIR = "__listOfIntegrationResponse";
const _lOM = "__listOfModel";
const _lOPPS = "__listOfPortalProductSummary";
const _lOPPSNB = "__listOfProductPageSummaryNoBody";
const _lOPREPSNB = "__listOfProductRestEndpointPageSummaryNoBody";
const _lOPS = "__listOfPortalSummary";
const _lOR = "__listOfRoute";
const _lORR = "__listOfRouteResponse";
const _lORRA = "__listOfRoutingRuleAction";
const _lORRC = "__listOfRoutingRuleCondition";
const _lORRMHV = "__listOfRoutingRuleMatchHeaderValue";
const _lORRi = "__listOfRoutingRule";
const _lOS = "__listOfSection";
const _lOSi = "__listOfStage";
const _lOVL = "__listOfVpcLink";
const _lP = "lastPublished";
const _lPD = "lastPublishedDescription";
const _lT = "limitType";
const _lU = "logoUri";
const _lUD = "lastUpdatedDate";
const _m = "message";
const _mA = "maxAge";
const _mBP = "matchBasePaths";
const _mH = "matchHeaders";
const _mI = "modelId";
const _mR = "maxResults";
const _mSE = "modelSelectionExpression";
const _mTA = "mutualTlsAuthentication";
const _me = "method";
const _n = "name";
const _nC = "navigationColor";
const _nT = "nextToken";
const _no = "none";
const _o = "overrides";
const _oN = "operationName";
const _oPA = "overviewPageArn";
const _oT = "outputType";
const _oVCA = "ownershipVerificationCertificateArn";
const _p = "priority";
const _pA = "portalArn";
const _pB = "passthroughBehavior";
const _pC = "portalContent";
const _pD = "policyDocument";
const _pDDN = "portalDefaultDomainName";
const _pDHZI = "portalDomainHostedZoneId";
const _pFV = "payloadFormatVersion";
const _pI = "portalId";
const _pPA = "portalProductArn";
const _pPAr = "productPageArn";
const _pPAro = "productPageArns";
const _pPI = "portalProductId";
const _pPIr = "productPageId";
const _pREPA = "productRestEndpointPageArn";
const _pREPAr = "productRestEndpointPageArns";
const _pREPI = "productRestEndpointPageId";
const _pS = "publishStatus";
const _pSr = "previewStatus";
const _pT = "protocolType";
const _pTa = "pageTitle";
const _pU = "previewUrl";
const _pa = "path";
const _pr = "preview";
const _r = "required";
const _rAI = "restApiId";
const _rAMN = "rumAppMonitorName";
const _rDC = "rawDisplayContent";
const _rEI = "restEndpointIdentifier";
const _rI = "routeId";
const _rK = "routeKey";
const _rM = "routingMode";
const _rMe = "requestModels";
const _rMes = "responseModels";
const _rO = "resourceOwner";
const _rOAI = "resourceOwnerAccountId";
const _rP = "requestParameters";
const _rPe = "responseParameters";
const _rR = "routingRules";
const _rRA = "routingRuleArn";
const _rRI = "routeResponseId";
const _rRIo = "routingRuleId";
const _rRK = "routeResponseKey";
const _rRSE = "routeResponseSelectionExpression";
const _rS = "routeSettings";
const _rSE = "routeSelectionExpression";
const _rT = "resourceType";
const _rTe = "requestTemplates";
const _rTes = "responseTemplates";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.apigatewayv2";
const _sBP = "stripBasePath";
const _sE = "statusException";
const _sGI = "securityGroupIds";
const _sI = "subnetIds";
const _sN = "stageName";
const _sNTV = "serverNameToVerify";
const _sNe = "sectionName";
const _sP = "securityPolicy";
const _sV = "stageVariables";
const _sc = "schema";
const _st = "stage";
const _sta = "status";
const _t = "tags";
const _tBL = "throttlingBurstLimit";
const _tC = "tlsConfig";
const _tCe = "textColor";
const _tIM = "timeoutInMillis";
const _tIS = "tryItState";
const _tK = "tagKeys";
const _tRL = "throttlingRateLimit";
const _tSE = "templateSelectionExpression";
const _tU = "truststoreUri";
const _tV = "truststoreVersion";
const _tW = "truststoreWarnings";
const _ta = "target";
const _th = "theme";
const _ti = "title";
const _uPA = "userPoolArn";
const _uPD = "userPoolDomain";
const _v = "version";
const _vG = "valueGlob";
const _vLI = "vpcLinkId";
const _vLS = "vpcLinkStatus";
const _vLSM = "vpcLinkStatusMessage";
const _vLV = "vpcLinkVersion";
const _va = "value";
const _w = "warnings";
const n0 = "com.amazonaws.apigatewayv2";
const _s_registry = new TypeRegistry(_s);
var ApiGatewayV2ServiceException$ = [-3, _s, "ApiGatewayV2ServiceException", 0, [], []];
_s_registry.registerError(ApiGatewayV2ServiceException$, ApiGatewayV2ServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_M],
    [[0, { [_jN]: _m }]]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var BadRequestException$ = [-3, n0, _BRE,
    { [_e]: _c, [_hE]: 400 },
    [_M],
    [[0, { [_jN]: _m }]]
];
n0_registry.registerError(BadRequestException$, BadRequestException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_M],
    [[0, { [_jN]: _m }]]
];
n0_registry.registerError(ConflictException$, ConflictException);
var NotFoundException$ = [-3, n0, _NFE,
    { [_e]: _c, [_hE]: 404 },
    [_M, _RT],
    [[0, { [_jN]: _m }], [0, { [_jN]: _rT }]]
];
n0_registry.registerError(NotFoundException$, NotFoundException);
var TooManyRequestsException$ = [-3, n0, _TMRE,
    { [_e]: _c, [_hE]: 429 },
    [_LT, _M],
    [[0, { [_jN]: _lT }], [0, { [_jN]: _m }]]
];
n0_registry.registerError(TooManyRequestsException$, TooManyRequestsException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AccessLogSettings$ = [3, n0, _ALS,
    0,
    [_DA, _F],
    [[0, { [_jN]: _dA }], [0, { [_jN]: _f }]]
];
var ACMManaged$ = [3, n0, _ACMM,
    0,
    [_CA, _DN],
    [[0, { [_jN]: _cA }], [0, { [_jN]: _dN }]], 2
];
var Api$ = [3, n0, _A,
    0,
    [_N, _PT, _RSE, _AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _T, _V, _W],
    [[0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]], 3
];
var ApiMapping$ = [3, n0, _AM,
    0,
    [_AI, _S, _AMI, _AMK],
    [[0, { [_jN]: _aI }], [0, { [_jN]: _st }], [0, { [_jN]: _aMI }], [0, { [_jN]: _aMK }]], 2
];
var Authorization$ = [3, n0, _Au,
    0,
    [_CCo, _No],
    [[() => CognitoConfig$, { [_jN]: _cCo }], [() => None$, { [_jN]: _no }]]
];
var Authorizer$ = [3, n0, _Aut,
    0,
    [_N, _ACA, _AIu, _APFV, _ARTIS, _AT, _AU, _ESR, _IS, _IVE, _JC],
    [[0, { [_jN]: _n }], [0, { [_jN]: _aCA }], [0, { [_jN]: _aIu }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aT }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }]], 1
];
var CognitoConfig$ = [3, n0, _CCo,
    0,
    [_ACI, _UPA, _UPD],
    [[0, { [_jN]: _aCI }], [0, { [_jN]: _uPA }], [0, { [_jN]: _uPD }]], 3
];
var Cors$ = [3, n0, _C,
    0,
    [_AC, _AH, _AMl, _AO, _EH, _MA],
    [[2, { [_jN]: _aC }], [64 | 0, { [_jN]: _aH }], [64 | 0, { [_jN]: _aM }], [64 | 0, { [_jN]: _aO }], [64 | 0, { [_jN]: _eH }], [1, { [_jN]: _mA }]]
];
var CreateApiMappingRequest$ = [3, n0, _CAMR,
    0,
    [_AI, _DN, _S, _AMK],
    [[0, { [_jN]: _aI }], [0, 1], [0, { [_jN]: _st }], [0, { [_jN]: _aMK }]], 3
];
var CreateApiMappingResponse$ = [3, n0, _CAMRr,
    0,
    [_AI, _AMI, _AMK, _S],
    [[0, { [_jN]: _aI }], [0, { [_jN]: _aMI }], [0, { [_jN]: _aMK }], [0, { [_jN]: _st }]]
];
var CreateApiRequest$ = [3, n0, _CAR,
    0,
    [_N, _PT, _AKSE, _CC, _CAr, _D, _DSV, _DEAE, _IAT, _RK, _RSE, _T, _Ta, _V],
    [[0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [0, { [_jN]: _iAT }], [0, { [_jN]: _rK }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _ta }], [0, { [_jN]: _v }]], 2
];
var CreateApiResponse$ = [3, n0, _CARr,
    0,
    [_AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _N, _PT, _RSE, _T, _V, _W],
    [[0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]]
];
var CreateAuthorizerRequest$ = [3, n0, _CARre,
    0,
    [_AI, _AT, _IS, _N, _ACA, _APFV, _ARTIS, _AU, _ESR, _IVE, _JC],
    [[0, 1], [0, { [_jN]: _aT }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _n }], [0, { [_jN]: _aCA }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }]], 4
];
var CreateAuthorizerResponse$ = [3, n0, _CARrea,
    0,
    [_ACA, _AIu, _APFV, _ARTIS, _AT, _AU, _ESR, _IS, _IVE, _JC, _N],
    [[0, { [_jN]: _aCA }], [0, { [_jN]: _aIu }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aT }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }], [0, { [_jN]: _n }]]
];
var CreateDeploymentRequest$ = [3, n0, _CDR,
    0,
    [_AI, _D, _SN],
    [[0, 1], [0, { [_jN]: _d }], [0, { [_jN]: _sN }]], 1
];
var CreateDeploymentResponse$ = [3, n0, _CDRr,
    0,
    [_AD, _CD, _DI, _DS, _DSM, _D],
    [[2, { [_jN]: _aD }], [5, { [_jN]: _cD }], [0, { [_jN]: _dI }], [0, { [_jN]: _dS }], [0, { [_jN]: _dSM }], [0, { [_jN]: _d }]]
];
var CreateDomainNameRequest$ = [3, n0, _CDNR,
    0,
    [_DN, _DNC, _MTA, _RM, _T],
    [[0, { [_jN]: _dN }], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthenticationInput$, { [_jN]: _mTA }], [0, { [_jN]: _rM }], [128 | 0, { [_jN]: _t }]], 1
];
var CreateDomainNameResponse$ = [3, n0, _CDNRr,
    0,
    [_AMSE, _DN, _DNA, _DNC, _MTA, _RM, _T],
    [[0, { [_jN]: _aMSE }], [0, { [_jN]: _dN }], [0, { [_jN]: _dNA }], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthentication$, { [_jN]: _mTA }], [0, { [_jN]: _rM }], [128 | 0, { [_jN]: _t }]]
];
var CreateIntegrationRequest$ = [3, n0, _CIR,
    0,
    [_AI, _IT, _CI, _CT, _CHS, _CAr, _D, _IM, _ISn, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[0, 1], [0, { [_jN]: _iT }], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iM }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfigInput$, { [_jN]: _tC }]], 2
];
var CreateIntegrationResponseRequest$ = [3, n0, _CIRR,
    0,
    [_AI, _IIn, _IRK, _CHS, _RPe, _RTes, _TSE],
    [[0, 1], [0, 1], [0, { [_jN]: _iRK }], [0, { [_jN]: _cHS }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]], 3
];
var CreateIntegrationResponseResponse$ = [3, n0, _CIRRr,
    0,
    [_CHS, _IRI, _IRK, _RPe, _RTes, _TSE],
    [[0, { [_jN]: _cHS }], [0, { [_jN]: _iRI }], [0, { [_jN]: _iRK }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]]
];
var CreateIntegrationResult$ = [3, n0, _CIRr,
    0,
    [_AGM, _CI, _CT, _CHS, _CAr, _D, _IIn, _IM, _IRSE, _ISn, _IT, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[2, { [_jN]: _aGM }], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iIn }], [0, { [_jN]: _iM }], [0, { [_jN]: _iRSE }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iT }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfig$, { [_jN]: _tC }]]
];
var CreateModelRequest$ = [3, n0, _CMR,
    0,
    [_AI, _N, _Sc, _CTo, _D],
    [[0, 1], [0, { [_jN]: _n }], [0, { [_jN]: _sc }], [0, { [_jN]: _cTo }], [0, { [_jN]: _d }]], 3
];
var CreateModelResponse$ = [3, n0, _CMRr,
    0,
    [_CTo, _D, _MI, _N, _Sc],
    [[0, { [_jN]: _cTo }], [0, { [_jN]: _d }], [0, { [_jN]: _mI }], [0, { [_jN]: _n }], [0, { [_jN]: _sc }]]
];
var CreatePortalProductRequest$ = [3, n0, _CPPR,
    0,
    [_DNi, _D, _T],
    [[0, { [_jN]: _dNi }], [0, { [_jN]: _d }], [128 | 0, { [_jN]: _t }]], 1
];
var CreatePortalProductResponse$ = [3, n0, _CPPRr,
    0,
    [_D, _DNi, _DO, _LM, _PPA, _PPI, _T],
    [[0, { [_jN]: _d }], [0, { [_jN]: _dNi }], [() => DisplayOrder$, { [_jN]: _dO }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPA }], [0, { [_jN]: _pPI }], [128 | 0, { [_jN]: _t }]]
];
var CreatePortalRequest$ = [3, n0, _CPR,
    0,
    [_Au, _EC, _PC, _IPPA, _LU, _RAMN, _T],
    [[() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationRequest$, { [_jN]: _eC }], [() => PortalContent$, { [_jN]: _pC }], [64 | 0, { [_jN]: _iPPA }], [0, { [_jN]: _lU }], [0, { [_jN]: _rAMN }], [128 | 0, { [_jN]: _t }]], 3
];
var CreatePortalResponse$ = [3, n0, _CPRr,
    0,
    [_Au, _EC, _IPPA, _LM, _LP, _LPD, _PA, _PC, _PI, _PS, _RAMN, _SE, _T],
    [[() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationResponse$, { [_jN]: _eC }], [64 | 0, { [_jN]: _iPPA }], [5, { [_jN]: _lM }], [5, { [_jN]: _lP }], [0, { [_jN]: _lPD }], [0, { [_jN]: _pA }], [() => PortalContent$, { [_jN]: _pC }], [0, { [_jN]: _pI }], [0, { [_jN]: _pS }], [0, { [_jN]: _rAMN }], [() => StatusException$, { [_jN]: _sE }], [128 | 0, { [_jN]: _t }]]
];
var CreateProductPageRequest$ = [3, n0, _CPPRre,
    0,
    [_DC, _PPI],
    [[() => DisplayContent$, { [_jN]: _dC }], [0, 1]], 2
];
var CreateProductPageResponse$ = [3, n0, _CPPRrea,
    0,
    [_DC, _LM, _PPAr, _PPIr],
    [[() => DisplayContent$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPAr }], [0, { [_jN]: _pPIr }]]
];
var CreateProductRestEndpointPageRequest$ = [3, n0, _CPREPR,
    0,
    [_PPI, _REI, _DC, _TIS],
    [[0, 1], [() => RestEndpointIdentifier$, { [_jN]: _rEI }], [() => EndpointDisplayContent$, { [_jN]: _dC }], [0, { [_jN]: _tIS }]], 2
];
var CreateProductRestEndpointPageResponse$ = [3, n0, _CPREPRr,
    0,
    [_DC, _LM, _PREPA, _PREPI, _REI, _St, _SE, _TIS],
    [[() => EndpointDisplayContentResponse$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pREPA }], [0, { [_jN]: _pREPI }], [() => RestEndpointIdentifier$, { [_jN]: _rEI }], [0, { [_jN]: _sta }], [() => StatusException$, { [_jN]: _sE }], [0, { [_jN]: _tIS }]]
];
var CreateRouteRequest$ = [3, n0, _CRR,
    0,
    [_AI, _RK, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RRSE, _Ta],
    [[0, 1], [0, { [_jN]: _rK }], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]], 2
];
var CreateRouteResponseRequest$ = [3, n0, _CRRR,
    0,
    [_AI, _RI, _RRK, _MSE, _RMes, _RPe],
    [[0, 1], [0, 1], [0, { [_jN]: _rRK }], [0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }]], 3
];
var CreateRouteResponseResponse$ = [3, n0, _CRRRr,
    0,
    [_MSE, _RMes, _RPe, _RRI, _RRK],
    [[0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }], [0, { [_jN]: _rRI }], [0, { [_jN]: _rRK }]]
];
var CreateRouteResult$ = [3, n0, _CRRr,
    0,
    [_AGM, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RI, _RK, _RRSE, _Ta],
    [[2, { [_jN]: _aGM }], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rI }], [0, { [_jN]: _rK }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]]
];
var CreateRoutingRuleRequest$ = [3, n0, _CRRRre,
    0,
    [_Ac, _Co, _DN, _P, _DNI],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [0, 1], [1, { [_jN]: _p }], [0, { [_hQ]: _dNI }]], 4
];
var CreateRoutingRuleResponse$ = [3, n0, _CRRRrea,
    0,
    [_Ac, _Co, _P, _RRA, _RRIo],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [1, { [_jN]: _p }], [0, { [_jN]: _rRA }], [0, { [_jN]: _rRIo }]]
];
var CreateStageRequest$ = [3, n0, _CSR,
    0,
    [_AI, _SN, _ALS, _ADu, _CCI, _DRS, _DI, _D, _RS, _SV, _T],
    [[0, 1], [0, { [_jN]: _sN }], [() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [() => RouteSettingsMap, { [_jN]: _rS }], [128 | 0, { [_jN]: _sV }], [128 | 0, { [_jN]: _t }]], 2
];
var CreateStageResponse$ = [3, n0, _CSRr,
    0,
    [_ALS, _AGM, _ADu, _CCI, _CD, _DRS, _DI, _D, _LDSM, _LUD, _RS, _SN, _SV, _T],
    [[() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aGM }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [5, { [_jN]: _cD }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [0, { [_jN]: _lDSM }], [5, { [_jN]: _lUD }], [() => RouteSettingsMap, { [_jN]: _rS }], [0, { [_jN]: _sN }], [128 | 0, { [_jN]: _sV }], [128 | 0, { [_jN]: _t }]]
];
var CreateVpcLinkRequest$ = [3, n0, _CVLR,
    0,
    [_N, _SI, _SGI, _T],
    [[0, { [_jN]: _n }], [64 | 0, { [_jN]: _sI }], [64 | 0, { [_jN]: _sGI }], [128 | 0, { [_jN]: _t }]], 2
];
var CreateVpcLinkResponse$ = [3, n0, _CVLRr,
    0,
    [_CD, _N, _SGI, _SI, _T, _VLI, _VLS, _VLSM, _VLV],
    [[5, { [_jN]: _cD }], [0, { [_jN]: _n }], [64 | 0, { [_jN]: _sGI }], [64 | 0, { [_jN]: _sI }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _vLI }], [0, { [_jN]: _vLS }], [0, { [_jN]: _vLSM }], [0, { [_jN]: _vLV }]]
];
var CustomColors$ = [3, n0, _CCu,
    0,
    [_ACc, _BC, _EVC, _HC, _NC, _TCe],
    [[0, { [_jN]: _aCc }], [0, { [_jN]: _bC }], [0, { [_jN]: _eVC }], [0, { [_jN]: _hC }], [0, { [_jN]: _nC }], [0, { [_jN]: _tCe }]], 6
];
var DeleteAccessLogSettingsRequest$ = [3, n0, _DALSR,
    0,
    [_AI, _SN],
    [[0, 1], [0, 1]], 2
];
var DeleteApiMappingRequest$ = [3, n0, _DAMR,
    0,
    [_AMI, _DN],
    [[0, 1], [0, 1]], 2
];
var DeleteApiRequest$ = [3, n0, _DAR,
    0,
    [_AI],
    [[0, 1]], 1
];
var DeleteAuthorizerRequest$ = [3, n0, _DARe,
    0,
    [_AI, _AIu],
    [[0, 1], [0, 1]], 2
];
var DeleteCorsConfigurationRequest$ = [3, n0, _DCCR,
    0,
    [_AI],
    [[0, 1]], 1
];
var DeleteDeploymentRequest$ = [3, n0, _DDR,
    0,
    [_AI, _DI],
    [[0, 1], [0, 1]], 2
];
var DeleteDomainNameRequest$ = [3, n0, _DDNR,
    0,
    [_DN],
    [[0, 1]], 1
];
var DeleteIntegrationRequest$ = [3, n0, _DIR,
    0,
    [_AI, _IIn],
    [[0, 1], [0, 1]], 2
];
var DeleteIntegrationResponseRequest$ = [3, n0, _DIRR,
    0,
    [_AI, _IIn, _IRI],
    [[0, 1], [0, 1], [0, 1]], 3
];
var DeleteModelRequest$ = [3, n0, _DMR,
    0,
    [_AI, _MI],
    [[0, 1], [0, 1]], 2
];
var DeletePortalProductRequest$ = [3, n0, _DPPR,
    0,
    [_PPI],
    [[0, 1]], 1
];
var DeletePortalProductSharingPolicyRequest$ = [3, n0, _DPPSPR,
    0,
    [_PPI],
    [[0, 1]], 1
];
var DeletePortalRequest$ = [3, n0, _DPR,
    0,
    [_PI],
    [[0, 1]], 1
];
var DeleteProductPageRequest$ = [3, n0, _DPPRe,
    0,
    [_PPI, _PPIr],
    [[0, 1], [0, 1]], 2
];
var DeleteProductRestEndpointPageRequest$ = [3, n0, _DPREPR,
    0,
    [_PPI, _PREPI],
    [[0, 1], [0, 1]], 2
];
var DeleteRouteRequest$ = [3, n0, _DRR,
    0,
    [_AI, _RI],
    [[0, 1], [0, 1]], 2
];
var DeleteRouteRequestParameterRequest$ = [3, n0, _DRRPR,
    0,
    [_AI, _RPK, _RI],
    [[0, 1], [0, 1], [0, 1]], 3
];
var DeleteRouteResponseRequest$ = [3, n0, _DRRR,
    0,
    [_AI, _RI, _RRI],
    [[0, 1], [0, 1], [0, 1]], 3
];
var DeleteRouteSettingsRequest$ = [3, n0, _DRSR,
    0,
    [_AI, _RK, _SN],
    [[0, 1], [0, 1], [0, 1]], 3
];
var DeleteRoutingRuleRequest$ = [3, n0, _DRRRe,
    0,
    [_DN, _RRIo, _DNI],
    [[0, 1], [0, 1], [0, { [_hQ]: _dNI }]], 2
];
var DeleteStageRequest$ = [3, n0, _DSR,
    0,
    [_AI, _SN],
    [[0, 1], [0, 1]], 2
];
var DeleteVpcLinkRequest$ = [3, n0, _DVLR,
    0,
    [_VLI],
    [[0, 1]], 1
];
var DeleteVpcLinkResponse$ = [3, n0, _DVLRe,
    0,
    [],
    []
];
var Deployment$ = [3, n0, _De,
    0,
    [_AD, _CD, _DI, _DS, _DSM, _D],
    [[2, { [_jN]: _aD }], [5, { [_jN]: _cD }], [0, { [_jN]: _dI }], [0, { [_jN]: _dS }], [0, { [_jN]: _dSM }], [0, { [_jN]: _d }]]
];
var DisablePortalRequest$ = [3, n0, _DPRi,
    0,
    [_PI],
    [[0, 1]], 1
];
var DisplayContent$ = [3, n0, _DC,
    0,
    [_B, _Ti],
    [[0, { [_jN]: _b }], [0, { [_jN]: _ti }]], 2
];
var DisplayContentOverrides$ = [3, n0, _DCO,
    0,
    [_B, _E, _ON],
    [[0, { [_jN]: _b }], [0, { [_jN]: _en }], [0, { [_jN]: _oN }]]
];
var DisplayOrder$ = [3, n0, _DO,
    0,
    [_Con, _OPA, _PPAro],
    [[() => __listOfSection, { [_jN]: _con }], [0, { [_jN]: _oPA }], [64 | 0, { [_jN]: _pPAro }]]
];
var DomainName$ = [3, n0, _DN,
    0,
    [_DN, _AMSE, _DNA, _DNC, _MTA, _RM, _T],
    [[0, { [_jN]: _dN }], [0, { [_jN]: _aMSE }], [0, { [_jN]: _dNA }], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthentication$, { [_jN]: _mTA }], [0, { [_jN]: _rM }], [128 | 0, { [_jN]: _t }]], 1
];
var DomainNameConfiguration$ = [3, n0, _DNCo,
    0,
    [_AGDN, _CA, _CN, _CUD, _DNS, _DNSM, _ET, _HZI, _IAT, _SP, _OVCA],
    [[0, { [_jN]: _aGDN }], [0, { [_jN]: _cA }], [0, { [_jN]: _cN }], [5, { [_jN]: _cUD }], [0, { [_jN]: _dNS }], [0, { [_jN]: _dNSM }], [0, { [_jN]: _eT }], [0, { [_jN]: _hZI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _sP }], [0, { [_jN]: _oVCA }]]
];
var EndpointConfigurationRequest$ = [3, n0, _ECR,
    0,
    [_AMc, _No],
    [[() => ACMManaged$, { [_jN]: _aMc }], [() => None$, { [_jN]: _no }]]
];
var EndpointConfigurationResponse$ = [3, n0, _ECRn,
    0,
    [_PDDN, _PDHZI, _CA, _DN],
    [[0, { [_jN]: _pDDN }], [0, { [_jN]: _pDHZI }], [0, { [_jN]: _cA }], [0, { [_jN]: _dN }]], 2
];
var EndpointDisplayContent$ = [3, n0, _EDC,
    0,
    [_No, _O],
    [[() => None$, { [_jN]: _no }], [() => DisplayContentOverrides$, { [_jN]: _o }]]
];
var EndpointDisplayContentResponse$ = [3, n0, _EDCR,
    0,
    [_E, _B, _ON],
    [[0, { [_jN]: _en }], [0, { [_jN]: _b }], [0, { [_jN]: _oN }]], 1
];
var ExportApiRequest$ = [3, n0, _EAR,
    0,
    [_AI, _OT, _Sp, _EV, _IE, _SN],
    [[0, 1], [0, { [_hQ]: _oT }], [0, 1], [0, { [_hQ]: _eV }], [2, { [_hQ]: _iE }], [0, { [_hQ]: _sN }]], 3
];
var ExportApiResponse$ = [3, n0, _EARx,
    0,
    [_b],
    [[21, 16]]
];
var GetApiMappingRequest$ = [3, n0, _GAMR,
    0,
    [_AMI, _DN],
    [[0, 1], [0, 1]], 2
];
var GetApiMappingResponse$ = [3, n0, _GAMRe,
    0,
    [_AI, _AMI, _AMK, _S],
    [[0, { [_jN]: _aI }], [0, { [_jN]: _aMI }], [0, { [_jN]: _aMK }], [0, { [_jN]: _st }]]
];
var GetApiMappingsRequest$ = [3, n0, _GAMRet,
    0,
    [_DN, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetApiMappingsResponse$ = [3, n0, _GAMRetp,
    0,
    [_I, _NT],
    [[() => __listOfApiMapping, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetApiRequest$ = [3, n0, _GAR,
    0,
    [_AI],
    [[0, 1]], 1
];
var GetApiResponse$ = [3, n0, _GARe,
    0,
    [_AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _N, _PT, _RSE, _T, _V, _W],
    [[0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]]
];
var GetApisRequest$ = [3, n0, _GARet,
    0,
    [_MR, _NT],
    [[0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]]
];
var GetApisResponse$ = [3, n0, _GARetp,
    0,
    [_I, _NT],
    [[() => __listOfApi, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetAuthorizerRequest$ = [3, n0, _GARetu,
    0,
    [_AI, _AIu],
    [[0, 1], [0, 1]], 2
];
var GetAuthorizerResponse$ = [3, n0, _GARetut,
    0,
    [_ACA, _AIu, _APFV, _ARTIS, _AT, _AU, _ESR, _IS, _IVE, _JC, _N],
    [[0, { [_jN]: _aCA }], [0, { [_jN]: _aIu }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aT }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }], [0, { [_jN]: _n }]]
];
var GetAuthorizersRequest$ = [3, n0, _GARetuth,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetAuthorizersResponse$ = [3, n0, _GARetutho,
    0,
    [_I, _NT],
    [[() => __listOfAuthorizer, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetDeploymentRequest$ = [3, n0, _GDR,
    0,
    [_AI, _DI],
    [[0, 1], [0, 1]], 2
];
var GetDeploymentResponse$ = [3, n0, _GDRe,
    0,
    [_AD, _CD, _DI, _DS, _DSM, _D],
    [[2, { [_jN]: _aD }], [5, { [_jN]: _cD }], [0, { [_jN]: _dI }], [0, { [_jN]: _dS }], [0, { [_jN]: _dSM }], [0, { [_jN]: _d }]]
];
var GetDeploymentsRequest$ = [3, n0, _GDRet,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetDeploymentsResponse$ = [3, n0, _GDRete,
    0,
    [_I, _NT],
    [[() => __listOfDeployment, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetDomainNameRequest$ = [3, n0, _GDNR,
    0,
    [_DN],
    [[0, 1]], 1
];
var GetDomainNameResponse$ = [3, n0, _GDNRe,
    0,
    [_AMSE, _DN, _DNA, _DNC, _MTA, _RM, _T],
    [[0, { [_jN]: _aMSE }], [0, { [_jN]: _dN }], [0, { [_jN]: _dNA }], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthentication$, { [_jN]: _mTA }], [0, { [_jN]: _rM }], [128 | 0, { [_jN]: _t }]]
];
var GetDomainNamesRequest$ = [3, n0, _GDNRet,
    0,
    [_MR, _NT],
    [[0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]]
];
var GetDomainNamesResponse$ = [3, n0, _GDNReto,
    0,
    [_I, _NT],
    [[() => __listOfDomainName, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetIntegrationRequest$ = [3, n0, _GIR,
    0,
    [_AI, _IIn],
    [[0, 1], [0, 1]], 2
];
var GetIntegrationResponseRequest$ = [3, n0, _GIRR,
    0,
    [_AI, _IIn, _IRI],
    [[0, 1], [0, 1], [0, 1]], 3
];
var GetIntegrationResponseResponse$ = [3, n0, _GIRRe,
    0,
    [_CHS, _IRI, _IRK, _RPe, _RTes, _TSE],
    [[0, { [_jN]: _cHS }], [0, { [_jN]: _iRI }], [0, { [_jN]: _iRK }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]]
];
var GetIntegrationResponsesRequest$ = [3, n0, _GIRRet,
    0,
    [_AI, _IIn, _MR, _NT],
    [[0, 1], [0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 2
];
var GetIntegrationResponsesResponse$ = [3, n0, _GIRRetn,
    0,
    [_I, _NT],
    [[() => __listOfIntegrationResponse, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetIntegrationResult$ = [3, n0, _GIRe,
    0,
    [_AGM, _CI, _CT, _CHS, _CAr, _D, _IIn, _IM, _IRSE, _ISn, _IT, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[2, { [_jN]: _aGM }], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iIn }], [0, { [_jN]: _iM }], [0, { [_jN]: _iRSE }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iT }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfig$, { [_jN]: _tC }]]
];
var GetIntegrationsRequest$ = [3, n0, _GIRet,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetIntegrationsResponse$ = [3, n0, _GIRetn,
    0,
    [_I, _NT],
    [[() => __listOfIntegration, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetModelRequest$ = [3, n0, _GMR,
    0,
    [_AI, _MI],
    [[0, 1], [0, 1]], 2
];
var GetModelResponse$ = [3, n0, _GMRe,
    0,
    [_CTo, _D, _MI, _N, _Sc],
    [[0, { [_jN]: _cTo }], [0, { [_jN]: _d }], [0, { [_jN]: _mI }], [0, { [_jN]: _n }], [0, { [_jN]: _sc }]]
];
var GetModelsRequest$ = [3, n0, _GMRet,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetModelsResponse$ = [3, n0, _GMReto,
    0,
    [_I, _NT],
    [[() => __listOfModel, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetModelTemplateRequest$ = [3, n0, _GMTR,
    0,
    [_AI, _MI],
    [[0, 1], [0, 1]], 2
];
var GetModelTemplateResponse$ = [3, n0, _GMTRe,
    0,
    [_Va],
    [[0, { [_jN]: _va }]]
];
var GetPortalProductRequest$ = [3, n0, _GPPR,
    0,
    [_PPI, _ROAI],
    [[0, 1], [0, { [_hQ]: _rOAI }]], 1
];
var GetPortalProductResponse$ = [3, n0, _GPPRe,
    0,
    [_D, _DNi, _DO, _LM, _PPA, _PPI, _T],
    [[0, { [_jN]: _d }], [0, { [_jN]: _dNi }], [() => DisplayOrder$, { [_jN]: _dO }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPA }], [0, { [_jN]: _pPI }], [128 | 0, { [_jN]: _t }]]
];
var GetPortalProductSharingPolicyRequest$ = [3, n0, _GPPSPR,
    0,
    [_PPI],
    [[0, 1]], 1
];
var GetPortalProductSharingPolicyResponse$ = [3, n0, _GPPSPRe,
    0,
    [_PD, _PPI],
    [[0, { [_jN]: _pD }], [0, { [_jN]: _pPI }]]
];
var GetPortalRequest$ = [3, n0, _GPR,
    0,
    [_PI],
    [[0, 1]], 1
];
var GetPortalResponse$ = [3, n0, _GPRe,
    0,
    [_Au, _EC, _IPPA, _LM, _LP, _LPD, _PA, _PC, _PI, _Pr, _PS, _RAMN, _SE, _T],
    [[() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationResponse$, { [_jN]: _eC }], [64 | 0, { [_jN]: _iPPA }], [5, { [_jN]: _lM }], [5, { [_jN]: _lP }], [0, { [_jN]: _lPD }], [0, { [_jN]: _pA }], [() => PortalContent$, { [_jN]: _pC }], [0, { [_jN]: _pI }], [() => Preview$, { [_jN]: _pr }], [0, { [_jN]: _pS }], [0, { [_jN]: _rAMN }], [() => StatusException$, { [_jN]: _sE }], [128 | 0, { [_jN]: _t }]]
];
var GetProductPageRequest$ = [3, n0, _GPPRet,
    0,
    [_PPI, _PPIr, _ROAI],
    [[0, 1], [0, 1], [0, { [_hQ]: _rOAI }]], 2
];
var GetProductPageResponse$ = [3, n0, _GPPRetr,
    0,
    [_DC, _LM, _PPAr, _PPIr],
    [[() => DisplayContent$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPAr }], [0, { [_jN]: _pPIr }]]
];
var GetProductRestEndpointPageRequest$ = [3, n0, _GPREPR,
    0,
    [_PPI, _PREPI, _IRDC, _ROAI],
    [[0, 1], [0, 1], [0, { [_hQ]: _iRDC }], [0, { [_hQ]: _rOAI }]], 2
];
var GetProductRestEndpointPageResponse$ = [3, n0, _GPREPRe,
    0,
    [_DC, _LM, _PREPA, _PREPI, _RDC, _REI, _St, _SE, _TIS],
    [[() => EndpointDisplayContentResponse$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pREPA }], [0, { [_jN]: _pREPI }], [0, { [_jN]: _rDC }], [() => RestEndpointIdentifier$, { [_jN]: _rEI }], [0, { [_jN]: _sta }], [() => StatusException$, { [_jN]: _sE }], [0, { [_jN]: _tIS }]]
];
var GetRouteRequest$ = [3, n0, _GRR,
    0,
    [_AI, _RI],
    [[0, 1], [0, 1]], 2
];
var GetRouteResponseRequest$ = [3, n0, _GRRR,
    0,
    [_AI, _RI, _RRI],
    [[0, 1], [0, 1], [0, 1]], 3
];
var GetRouteResponseResponse$ = [3, n0, _GRRRe,
    0,
    [_MSE, _RMes, _RPe, _RRI, _RRK],
    [[0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }], [0, { [_jN]: _rRI }], [0, { [_jN]: _rRK }]]
];
var GetRouteResponsesRequest$ = [3, n0, _GRRRet,
    0,
    [_AI, _RI, _MR, _NT],
    [[0, 1], [0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 2
];
var GetRouteResponsesResponse$ = [3, n0, _GRRReto,
    0,
    [_I, _NT],
    [[() => __listOfRouteResponse, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetRouteResult$ = [3, n0, _GRRe,
    0,
    [_AGM, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RI, _RK, _RRSE, _Ta],
    [[2, { [_jN]: _aGM }], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rI }], [0, { [_jN]: _rK }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]]
];
var GetRoutesRequest$ = [3, n0, _GRRet,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetRoutesResponse$ = [3, n0, _GRReto,
    0,
    [_I, _NT],
    [[() => __listOfRoute, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetRoutingRuleRequest$ = [3, n0, _GRRRetou,
    0,
    [_DN, _RRIo, _DNI],
    [[0, 1], [0, 1], [0, { [_hQ]: _dNI }]], 2
];
var GetRoutingRuleResponse$ = [3, n0, _GRRRetout,
    0,
    [_Ac, _Co, _P, _RRA, _RRIo],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [1, { [_jN]: _p }], [0, { [_jN]: _rRA }], [0, { [_jN]: _rRIo }]]
];
var GetStageRequest$ = [3, n0, _GSR,
    0,
    [_AI, _SN],
    [[0, 1], [0, 1]], 2
];
var GetStageResponse$ = [3, n0, _GSRe,
    0,
    [_ALS, _AGM, _ADu, _CCI, _CD, _DRS, _DI, _D, _LDSM, _LUD, _RS, _SN, _SV, _T],
    [[() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aGM }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [5, { [_jN]: _cD }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [0, { [_jN]: _lDSM }], [5, { [_jN]: _lUD }], [() => RouteSettingsMap, { [_jN]: _rS }], [0, { [_jN]: _sN }], [128 | 0, { [_jN]: _sV }], [128 | 0, { [_jN]: _t }]]
];
var GetStagesRequest$ = [3, n0, _GSRet,
    0,
    [_AI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var GetStagesResponse$ = [3, n0, _GSRett,
    0,
    [_I, _NT],
    [[() => __listOfStage, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var GetTagsRequest$ = [3, n0, _GTR,
    0,
    [_RA],
    [[0, 1]], 1
];
var GetTagsResponse$ = [3, n0, _GTRe,
    0,
    [_T],
    [[128 | 0, { [_jN]: _t }]]
];
var GetVpcLinkRequest$ = [3, n0, _GVLR,
    0,
    [_VLI],
    [[0, 1]], 1
];
var GetVpcLinkResponse$ = [3, n0, _GVLRe,
    0,
    [_CD, _N, _SGI, _SI, _T, _VLI, _VLS, _VLSM, _VLV],
    [[5, { [_jN]: _cD }], [0, { [_jN]: _n }], [64 | 0, { [_jN]: _sGI }], [64 | 0, { [_jN]: _sI }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _vLI }], [0, { [_jN]: _vLS }], [0, { [_jN]: _vLSM }], [0, { [_jN]: _vLV }]]
];
var GetVpcLinksRequest$ = [3, n0, _GVLRet,
    0,
    [_MR, _NT],
    [[0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]]
];
var GetVpcLinksResponse$ = [3, n0, _GVLRetp,
    0,
    [_I, _NT],
    [[() => __listOfVpcLink, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var IdentifierParts$ = [3, n0, _IP,
    0,
    [_Me, _Pa, _RAI, _S],
    [[0, { [_jN]: _me }], [0, { [_jN]: _pa }], [0, { [_jN]: _rAI }], [0, { [_jN]: _st }]], 4
];
var ImportApiRequest$ = [3, n0, _IAR,
    0,
    [_B, _Ba, _FOW],
    [[0, { [_jN]: _b }], [0, { [_hQ]: _ba }], [2, { [_hQ]: _fOW }]], 1
];
var ImportApiResponse$ = [3, n0, _IARm,
    0,
    [_AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _N, _PT, _RSE, _T, _V, _W],
    [[0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]]
];
var Integration$ = [3, n0, _In,
    0,
    [_AGM, _CI, _CT, _CHS, _CAr, _D, _IIn, _IM, _IRSE, _ISn, _IT, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[2, { [_jN]: _aGM }], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iIn }], [0, { [_jN]: _iM }], [0, { [_jN]: _iRSE }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iT }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfig$, { [_jN]: _tC }]]
];
var IntegrationResponse$ = [3, n0, _IR,
    0,
    [_IRK, _CHS, _IRI, _RPe, _RTes, _TSE],
    [[0, { [_jN]: _iRK }], [0, { [_jN]: _cHS }], [0, { [_jN]: _iRI }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]], 1
];
var JWTConfiguration$ = [3, n0, _JWTC,
    0,
    [_Aud, _Is],
    [[64 | 0, { [_jN]: _au }], [0, { [_jN]: _is }]]
];
var ListPortalProductsRequest$ = [3, n0, _LPPR,
    0,
    [_MR, _NT, _RO],
    [[0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [0, { [_hQ]: _rO }]]
];
var ListPortalProductsResponse$ = [3, n0, _LPPRi,
    0,
    [_I, _NT],
    [[() => __listOfPortalProductSummary, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var ListPortalsRequest$ = [3, n0, _LPR,
    0,
    [_MR, _NT],
    [[0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]]
];
var ListPortalsResponse$ = [3, n0, _LPRi,
    0,
    [_I, _NT],
    [[() => __listOfPortalSummary, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var ListProductPagesRequest$ = [3, n0, _LPPRis,
    0,
    [_PPI, _MR, _NT, _ROAI],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [0, { [_hQ]: _rOAI }]], 1
];
var ListProductPagesResponse$ = [3, n0, _LPPRist,
    0,
    [_I, _NT],
    [[() => __listOfProductPageSummaryNoBody, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var ListProductRestEndpointPagesRequest$ = [3, n0, _LPREPR,
    0,
    [_PPI, _MR, _NT, _ROAI],
    [[0, 1], [0, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [0, { [_hQ]: _rOAI }]], 1
];
var ListProductRestEndpointPagesResponse$ = [3, n0, _LPREPRi,
    0,
    [_I, _NT],
    [[() => __listOfProductRestEndpointPageSummaryNoBody, { [_jN]: _i }], [0, { [_jN]: _nT }]]
];
var ListRoutingRulesRequest$ = [3, n0, _LRRR,
    0,
    [_DN, _DNI, _MR, _NT],
    [[0, 1], [0, { [_hQ]: _dNI }], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListRoutingRulesResponse$ = [3, n0, _LRRRi,
    0,
    [_NT, _RR],
    [[0, { [_jN]: _nT }], [() => __listOfRoutingRule, { [_jN]: _rR }]]
];
var Model$ = [3, n0, _Mo,
    0,
    [_N, _CTo, _D, _MI, _Sc],
    [[0, { [_jN]: _n }], [0, { [_jN]: _cTo }], [0, { [_jN]: _d }], [0, { [_jN]: _mI }], [0, { [_jN]: _sc }]], 1
];
var MutualTlsAuthentication$ = [3, n0, _MTA,
    0,
    [_TU, _TV, _TW],
    [[0, { [_jN]: _tU }], [0, { [_jN]: _tV }], [64 | 0, { [_jN]: _tW }]]
];
var MutualTlsAuthenticationInput$ = [3, n0, _MTAI,
    0,
    [_TU, _TV],
    [[0, { [_jN]: _tU }], [0, { [_jN]: _tV }]]
];
var None$ = [3, n0, _No,
    0,
    [],
    []
];
var ParameterConstraints$ = [3, n0, _PCa,
    0,
    [_R],
    [[2, { [_jN]: _r }]]
];
var PortalContent$ = [3, n0, _PC,
    0,
    [_DNi, _Th, _D],
    [[0, { [_jN]: _dNi }], [() => PortalTheme$, { [_jN]: _th }], [0, { [_jN]: _d }]], 2
];
var PortalProductSummary$ = [3, n0, _PPS,
    0,
    [_D, _DNi, _LM, _PPA, _PPI, _T],
    [[0, { [_jN]: _d }], [0, { [_jN]: _dNi }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPA }], [0, { [_jN]: _pPI }], [128 | 0, { [_jN]: _t }]], 5
];
var PortalSummary$ = [3, n0, _PSo,
    0,
    [_Au, _EC, _IPPA, _LM, _PA, _PC, _PI, _LP, _LPD, _Pr, _PS, _RAMN, _SE, _T],
    [[() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationResponse$, { [_jN]: _eC }], [64 | 0, { [_jN]: _iPPA }], [5, { [_jN]: _lM }], [0, { [_jN]: _pA }], [() => PortalContent$, { [_jN]: _pC }], [0, { [_jN]: _pI }], [5, { [_jN]: _lP }], [0, { [_jN]: _lPD }], [() => Preview$, { [_jN]: _pr }], [0, { [_jN]: _pS }], [0, { [_jN]: _rAMN }], [() => StatusException$, { [_jN]: _sE }], [128 | 0, { [_jN]: _t }]], 7
];
var PortalTheme$ = [3, n0, _PTo,
    0,
    [_CCu, _LLU],
    [[() => CustomColors$, { [_jN]: _cCu }], [5, { [_jN]: _lLU }]], 1
];
var Preview$ = [3, n0, _Pr,
    0,
    [_PSr, _PU, _SE],
    [[0, { [_jN]: _pSr }], [0, { [_jN]: _pU }], [() => StatusException$, { [_jN]: _sE }]], 1
];
var PreviewPortalRequest$ = [3, n0, _PPR,
    0,
    [_PI],
    [[0, 1]], 1
];
var PreviewPortalResponse$ = [3, n0, _PPRr,
    0,
    [],
    []
];
var ProductPageSummaryNoBody$ = [3, n0, _PPSNB,
    0,
    [_LM, _PTa, _PPAr, _PPIr],
    [[5, { [_jN]: _lM }], [0, { [_jN]: _pTa }], [0, { [_jN]: _pPAr }], [0, { [_jN]: _pPIr }]], 4
];
var ProductRestEndpointPageSummaryNoBody$ = [3, n0, _PREPSNB,
    0,
    [_E, _LM, _PREPA, _PREPI, _REI, _St, _TIS, _ON, _SE],
    [[0, { [_jN]: _en }], [5, { [_jN]: _lM }], [0, { [_jN]: _pREPA }], [0, { [_jN]: _pREPI }], [() => RestEndpointIdentifier$, { [_jN]: _rEI }], [0, { [_jN]: _sta }], [0, { [_jN]: _tIS }], [0, { [_jN]: _oN }], [() => StatusException$, { [_jN]: _sE }]], 7
];
var PublishPortalRequest$ = [3, n0, _PPRu,
    0,
    [_PI, _D],
    [[0, 1], [0, { [_jN]: _d }]], 1
];
var PublishPortalResponse$ = [3, n0, _PPRub,
    0,
    [],
    []
];
var PutPortalProductSharingPolicyRequest$ = [3, n0, _PPPSPR,
    0,
    [_PD, _PPI],
    [[0, { [_jN]: _pD }], [0, 1]], 2
];
var PutPortalProductSharingPolicyResponse$ = [3, n0, _PPPSPRu,
    0,
    [],
    []
];
var PutRoutingRuleRequest$ = [3, n0, _PRRR,
    0,
    [_Ac, _Co, _DN, _P, _RRIo, _DNI],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [0, 1], [1, { [_jN]: _p }], [0, 1], [0, { [_hQ]: _dNI }]], 5
];
var PutRoutingRuleResponse$ = [3, n0, _PRRRu,
    0,
    [_Ac, _Co, _P, _RRA, _RRIo],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [1, { [_jN]: _p }], [0, { [_jN]: _rRA }], [0, { [_jN]: _rRIo }]]
];
var ReimportApiRequest$ = [3, n0, _RAR,
    0,
    [_AI, _B, _Ba, _FOW],
    [[0, 1], [0, { [_jN]: _b }], [0, { [_hQ]: _ba }], [2, { [_hQ]: _fOW }]], 2
];
var ReimportApiResponse$ = [3, n0, _RARe,
    0,
    [_AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _N, _PT, _RSE, _T, _V, _W],
    [[0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]]
];
var ResetAuthorizersCacheRequest$ = [3, n0, _RACR,
    0,
    [_AI, _SN],
    [[0, 1], [0, 1]], 2
];
var RestEndpointIdentifier$ = [3, n0, _REI,
    0,
    [_IP],
    [[() => IdentifierParts$, { [_jN]: _iP }]]
];
var Route$ = [3, n0, _Ro,
    0,
    [_RK, _AGM, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RI, _RRSE, _Ta],
    [[0, { [_jN]: _rK }], [2, { [_jN]: _aGM }], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rI }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]], 1
];
var RouteResponse$ = [3, n0, _RRo,
    0,
    [_RRK, _MSE, _RMes, _RPe, _RRI],
    [[0, { [_jN]: _rRK }], [0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }], [0, { [_jN]: _rRI }]], 1
];
var RouteSettings$ = [3, n0, _RS,
    0,
    [_DTE, _DME, _LL, _TBL, _TRL],
    [[2, { [_jN]: _dTE }], [2, { [_jN]: _dME }], [0, { [_jN]: _lL }], [1, { [_jN]: _tBL }], [1, { [_jN]: _tRL }]]
];
var RoutingRule$ = [3, n0, _RRou,
    0,
    [_Ac, _Co, _P, _RRA, _RRIo],
    [[() => __listOfRoutingRuleAction, { [_jN]: _ac }], [() => __listOfRoutingRuleCondition, { [_jN]: _co }], [1, { [_jN]: _p }], [0, { [_jN]: _rRA }], [0, { [_jN]: _rRIo }]]
];
var RoutingRuleAction$ = [3, n0, _RRAo,
    0,
    [_IA],
    [[() => RoutingRuleActionInvokeApi$, { [_jN]: _iA }]], 1
];
var RoutingRuleActionInvokeApi$ = [3, n0, _RRAIA,
    0,
    [_AI, _S, _SBP],
    [[0, { [_jN]: _aI }], [0, { [_jN]: _st }], [2, { [_jN]: _sBP }]], 2
];
var RoutingRuleCondition$ = [3, n0, _RRC,
    0,
    [_MBP, _MH],
    [[() => RoutingRuleMatchBasePaths$, { [_jN]: _mBP }], [() => RoutingRuleMatchHeaders$, { [_jN]: _mH }]]
];
var RoutingRuleMatchBasePaths$ = [3, n0, _RRMBP,
    0,
    [_AOn],
    [[64 | 0, { [_jN]: _aOn }]], 1
];
var RoutingRuleMatchHeaders$ = [3, n0, _RRMH,
    0,
    [_AOn],
    [[() => __listOfRoutingRuleMatchHeaderValue, { [_jN]: _aOn }]], 1
];
var RoutingRuleMatchHeaderValue$ = [3, n0, _RRMHV,
    0,
    [_H, _VG],
    [[0, { [_jN]: _h }], [0, { [_jN]: _vG }]], 2
];
var Section$ = [3, n0, _Se,
    0,
    [_PREPAr, _SNe],
    [[64 | 0, { [_jN]: _pREPAr }], [0, { [_jN]: _sNe }]], 2
];
var Stage$ = [3, n0, _S,
    0,
    [_SN, _ALS, _AGM, _ADu, _CCI, _CD, _DRS, _DI, _D, _LDSM, _LUD, _RS, _SV, _T],
    [[0, { [_jN]: _sN }], [() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aGM }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [5, { [_jN]: _cD }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [0, { [_jN]: _lDSM }], [5, { [_jN]: _lUD }], [() => RouteSettingsMap, { [_jN]: _rS }], [128 | 0, { [_jN]: _sV }], [128 | 0, { [_jN]: _t }]], 1
];
var StatusException$ = [3, n0, _SE,
    0,
    [_Ex, _M],
    [[0, { [_jN]: _ex }], [0, { [_jN]: _m }]]
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_RA, _T],
    [[0, 1], [128 | 0, { [_jN]: _t }]], 1
];
var TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
var TlsConfig$ = [3, n0, _TC,
    0,
    [_SNTV],
    [[0, { [_jN]: _sNTV }]]
];
var TlsConfigInput$ = [3, n0, _TCI,
    0,
    [_SNTV],
    [[0, { [_jN]: _sNTV }]]
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_RA, _TK],
    [[0, 1], [64 | 0, { [_hQ]: _tK }]], 2
];
var UpdateApiMappingRequest$ = [3, n0, _UAMR,
    0,
    [_AI, _AMI, _DN, _AMK, _S],
    [[0, { [_jN]: _aI }], [0, 1], [0, 1], [0, { [_jN]: _aMK }], [0, { [_jN]: _st }]], 3
];
var UpdateApiMappingResponse$ = [3, n0, _UAMRp,
    0,
    [_AI, _AMI, _AMK, _S],
    [[0, { [_jN]: _aI }], [0, { [_jN]: _aMI }], [0, { [_jN]: _aMK }], [0, { [_jN]: _st }]]
];
var UpdateApiRequest$ = [3, n0, _UAR,
    0,
    [_AI, _AKSE, _CC, _CAr, _D, _DSV, _DEAE, _IAT, _N, _RK, _RSE, _Ta, _V],
    [[0, 1], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _rK }], [0, { [_jN]: _rSE }], [0, { [_jN]: _ta }], [0, { [_jN]: _v }]], 1
];
var UpdateApiResponse$ = [3, n0, _UARp,
    0,
    [_AE, _AGM, _AI, _AKSE, _CC, _CD, _D, _DSV, _DEAE, _II, _IAT, _N, _PT, _RSE, _T, _V, _W],
    [[0, { [_jN]: _aE }], [2, { [_jN]: _aGM }], [0, { [_jN]: _aI }], [0, { [_jN]: _aKSE }], [() => Cors$, { [_jN]: _cC }], [5, { [_jN]: _cD }], [0, { [_jN]: _d }], [2, { [_jN]: _dSV }], [2, { [_jN]: _dEAE }], [64 | 0, { [_jN]: _iI }], [0, { [_jN]: _iAT }], [0, { [_jN]: _n }], [0, { [_jN]: _pT }], [0, { [_jN]: _rSE }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _v }], [64 | 0, { [_jN]: _w }]]
];
var UpdateAuthorizerRequest$ = [3, n0, _UARpd,
    0,
    [_AI, _AIu, _ACA, _APFV, _ARTIS, _AT, _AU, _ESR, _IS, _IVE, _JC, _N],
    [[0, 1], [0, 1], [0, { [_jN]: _aCA }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aT }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }], [0, { [_jN]: _n }]], 2
];
var UpdateAuthorizerResponse$ = [3, n0, _UARpda,
    0,
    [_ACA, _AIu, _APFV, _ARTIS, _AT, _AU, _ESR, _IS, _IVE, _JC, _N],
    [[0, { [_jN]: _aCA }], [0, { [_jN]: _aIu }], [0, { [_jN]: _aPFV }], [1, { [_jN]: _aRTIS }], [0, { [_jN]: _aT }], [0, { [_jN]: _aU }], [2, { [_jN]: _eSR }], [64 | 0, { [_jN]: _iS }], [0, { [_jN]: _iVE }], [() => JWTConfiguration$, { [_jN]: _jC }], [0, { [_jN]: _n }]]
];
var UpdateDeploymentRequest$ = [3, n0, _UDR,
    0,
    [_AI, _DI, _D],
    [[0, 1], [0, 1], [0, { [_jN]: _d }]], 2
];
var UpdateDeploymentResponse$ = [3, n0, _UDRp,
    0,
    [_AD, _CD, _DI, _DS, _DSM, _D],
    [[2, { [_jN]: _aD }], [5, { [_jN]: _cD }], [0, { [_jN]: _dI }], [0, { [_jN]: _dS }], [0, { [_jN]: _dSM }], [0, { [_jN]: _d }]]
];
var UpdateDomainNameRequest$ = [3, n0, _UDNR,
    0,
    [_DN, _DNC, _MTA, _RM],
    [[0, 1], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthenticationInput$, { [_jN]: _mTA }], [0, { [_jN]: _rM }]], 1
];
var UpdateDomainNameResponse$ = [3, n0, _UDNRp,
    0,
    [_AMSE, _DN, _DNA, _DNC, _MTA, _RM, _T],
    [[0, { [_jN]: _aMSE }], [0, { [_jN]: _dN }], [0, { [_jN]: _dNA }], [() => DomainNameConfigurations, { [_jN]: _dNC }], [() => MutualTlsAuthentication$, { [_jN]: _mTA }], [0, { [_jN]: _rM }], [128 | 0, { [_jN]: _t }]]
];
var UpdateIntegrationRequest$ = [3, n0, _UIR,
    0,
    [_AI, _IIn, _CI, _CT, _CHS, _CAr, _D, _IM, _ISn, _IT, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[0, 1], [0, 1], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iM }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iT }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfigInput$, { [_jN]: _tC }]], 2
];
var UpdateIntegrationResponseRequest$ = [3, n0, _UIRR,
    0,
    [_AI, _IIn, _IRI, _CHS, _IRK, _RPe, _RTes, _TSE],
    [[0, 1], [0, 1], [0, 1], [0, { [_jN]: _cHS }], [0, { [_jN]: _iRK }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]], 3
];
var UpdateIntegrationResponseResponse$ = [3, n0, _UIRRp,
    0,
    [_CHS, _IRI, _IRK, _RPe, _RTes, _TSE],
    [[0, { [_jN]: _cHS }], [0, { [_jN]: _iRI }], [0, { [_jN]: _iRK }], [128 | 0, { [_jN]: _rPe }], [128 | 0, { [_jN]: _rTes }], [0, { [_jN]: _tSE }]]
];
var UpdateIntegrationResult$ = [3, n0, _UIRp,
    0,
    [_AGM, _CI, _CT, _CHS, _CAr, _D, _IIn, _IM, _IRSE, _ISn, _IT, _IU, _PB, _PFV, _RP, _RTe, _RPe, _TSE, _TIM, _TC],
    [[2, { [_jN]: _aGM }], [0, { [_jN]: _cI }], [0, { [_jN]: _cT }], [0, { [_jN]: _cHS }], [0, { [_jN]: _cAr }], [0, { [_jN]: _d }], [0, { [_jN]: _iIn }], [0, { [_jN]: _iM }], [0, { [_jN]: _iRSE }], [0, { [_jN]: _iSn }], [0, { [_jN]: _iT }], [0, { [_jN]: _iU }], [0, { [_jN]: _pB }], [0, { [_jN]: _pFV }], [128 | 0, { [_jN]: _rP }], [128 | 0, { [_jN]: _rTe }], [[2, n0, _RPe, 0, 0, 128 | 0], { [_jN]: _rPe }], [0, { [_jN]: _tSE }], [1, { [_jN]: _tIM }], [() => TlsConfig$, { [_jN]: _tC }]]
];
var UpdateModelRequest$ = [3, n0, _UMR,
    0,
    [_AI, _MI, _CTo, _D, _N, _Sc],
    [[0, 1], [0, 1], [0, { [_jN]: _cTo }], [0, { [_jN]: _d }], [0, { [_jN]: _n }], [0, { [_jN]: _sc }]], 2
];
var UpdateModelResponse$ = [3, n0, _UMRp,
    0,
    [_CTo, _D, _MI, _N, _Sc],
    [[0, { [_jN]: _cTo }], [0, { [_jN]: _d }], [0, { [_jN]: _mI }], [0, { [_jN]: _n }], [0, { [_jN]: _sc }]]
];
var UpdatePortalProductRequest$ = [3, n0, _UPPR,
    0,
    [_PPI, _D, _DNi, _DO],
    [[0, 1], [0, { [_jN]: _d }], [0, { [_jN]: _dNi }], [() => DisplayOrder$, { [_jN]: _dO }]], 1
];
var UpdatePortalProductResponse$ = [3, n0, _UPPRp,
    0,
    [_D, _DNi, _DO, _LM, _PPA, _PPI, _T],
    [[0, { [_jN]: _d }], [0, { [_jN]: _dNi }], [() => DisplayOrder$, { [_jN]: _dO }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPA }], [0, { [_jN]: _pPI }], [128 | 0, { [_jN]: _t }]]
];
var UpdatePortalRequest$ = [3, n0, _UPR,
    0,
    [_PI, _Au, _EC, _IPPA, _LU, _PC, _RAMN],
    [[0, 1], [() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationRequest$, { [_jN]: _eC }], [64 | 0, { [_jN]: _iPPA }], [0, { [_jN]: _lU }], [() => PortalContent$, { [_jN]: _pC }], [0, { [_jN]: _rAMN }]], 1
];
var UpdatePortalResponse$ = [3, n0, _UPRp,
    0,
    [_Au, _EC, _IPPA, _LM, _LP, _LPD, _PA, _PC, _PI, _Pr, _PS, _RAMN, _SE, _T],
    [[() => Authorization$, { [_jN]: _a }], [() => EndpointConfigurationResponse$, { [_jN]: _eC }], [64 | 0, { [_jN]: _iPPA }], [5, { [_jN]: _lM }], [5, { [_jN]: _lP }], [0, { [_jN]: _lPD }], [0, { [_jN]: _pA }], [() => PortalContent$, { [_jN]: _pC }], [0, { [_jN]: _pI }], [() => Preview$, { [_jN]: _pr }], [0, { [_jN]: _pS }], [0, { [_jN]: _rAMN }], [() => StatusException$, { [_jN]: _sE }], [128 | 0, { [_jN]: _t }]]
];
var UpdateProductPageRequest$ = [3, n0, _UPPRpd,
    0,
    [_PPI, _PPIr, _DC],
    [[0, 1], [0, 1], [() => DisplayContent$, { [_jN]: _dC }]], 2
];
var UpdateProductPageResponse$ = [3, n0, _UPPRpda,
    0,
    [_DC, _LM, _PPAr, _PPIr],
    [[() => DisplayContent$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pPAr }], [0, { [_jN]: _pPIr }]]
];
var UpdateProductRestEndpointPageRequest$ = [3, n0, _UPREPR,
    0,
    [_PPI, _PREPI, _DC, _TIS],
    [[0, 1], [0, 1], [() => EndpointDisplayContent$, { [_jN]: _dC }], [0, { [_jN]: _tIS }]], 2
];
var UpdateProductRestEndpointPageResponse$ = [3, n0, _UPREPRp,
    0,
    [_DC, _LM, _PREPA, _PREPI, _REI, _St, _SE, _TIS],
    [[() => EndpointDisplayContentResponse$, { [_jN]: _dC }], [5, { [_jN]: _lM }], [0, { [_jN]: _pREPA }], [0, { [_jN]: _pREPI }], [() => RestEndpointIdentifier$, { [_jN]: _rEI }], [0, { [_jN]: _sta }], [() => StatusException$, { [_jN]: _sE }], [0, { [_jN]: _tIS }]]
];
var UpdateRouteRequest$ = [3, n0, _URRp,
    0,
    [_AI, _RI, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RK, _RRSE, _Ta],
    [[0, 1], [0, 1], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rK }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]], 2
];
var UpdateRouteResponseRequest$ = [3, n0, _URRR,
    0,
    [_AI, _RI, _RRI, _MSE, _RMes, _RPe, _RRK],
    [[0, 1], [0, 1], [0, 1], [0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }], [0, { [_jN]: _rRK }]], 3
];
var UpdateRouteResponseResponse$ = [3, n0, _URRRp,
    0,
    [_MSE, _RMes, _RPe, _RRI, _RRK],
    [[0, { [_jN]: _mSE }], [128 | 0, { [_jN]: _rMes }], [() => RouteParameters, { [_jN]: _rPe }], [0, { [_jN]: _rRI }], [0, { [_jN]: _rRK }]]
];
var UpdateRouteResult$ = [3, n0, _URRpd,
    0,
    [_AGM, _AKR, _AS, _ATu, _AIu, _MSE, _ON, _RMe, _RP, _RI, _RK, _RRSE, _Ta],
    [[2, { [_jN]: _aGM }], [2, { [_jN]: _aKR }], [64 | 0, { [_jN]: _aS }], [0, { [_jN]: _aTu }], [0, { [_jN]: _aIu }], [0, { [_jN]: _mSE }], [0, { [_jN]: _oN }], [128 | 0, { [_jN]: _rMe }], [() => RouteParameters, { [_jN]: _rP }], [0, { [_jN]: _rI }], [0, { [_jN]: _rK }], [0, { [_jN]: _rRSE }], [0, { [_jN]: _ta }]]
];
var UpdateStageRequest$ = [3, n0, _USR,
    0,
    [_AI, _SN, _ALS, _ADu, _CCI, _DRS, _DI, _D, _RS, _SV],
    [[0, 1], [0, 1], [() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [() => RouteSettingsMap, { [_jN]: _rS }], [128 | 0, { [_jN]: _sV }]], 2
];
var UpdateStageResponse$ = [3, n0, _USRp,
    0,
    [_ALS, _AGM, _ADu, _CCI, _CD, _DRS, _DI, _D, _LDSM, _LUD, _RS, _SN, _SV, _T],
    [[() => AccessLogSettings$, { [_jN]: _aLS }], [2, { [_jN]: _aGM }], [2, { [_jN]: _aDu }], [0, { [_jN]: _cCI }], [5, { [_jN]: _cD }], [() => RouteSettings$, { [_jN]: _dRS }], [0, { [_jN]: _dI }], [0, { [_jN]: _d }], [0, { [_jN]: _lDSM }], [5, { [_jN]: _lUD }], [() => RouteSettingsMap, { [_jN]: _rS }], [0, { [_jN]: _sN }], [128 | 0, { [_jN]: _sV }], [128 | 0, { [_jN]: _t }]]
];
var UpdateVpcLinkRequest$ = [3, n0, _UVLR,
    0,
    [_VLI, _N],
    [[0, 1], [0, { [_jN]: _n }]], 1
];
var UpdateVpcLinkResponse$ = [3, n0, _UVLRp,
    0,
    [_CD, _N, _SGI, _SI, _T, _VLI, _VLS, _VLSM, _VLV],
    [[5, { [_jN]: _cD }], [0, { [_jN]: _n }], [64 | 0, { [_jN]: _sGI }], [64 | 0, { [_jN]: _sI }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _vLI }], [0, { [_jN]: _vLS }], [0, { [_jN]: _vLSM }], [0, { [_jN]: _vLV }]]
];
var VpcLink$ = [3, n0, _VL,
    0,
    [_N, _SGI, _SI, _VLI, _CD, _T, _VLS, _VLSM, _VLV],
    [[0, { [_jN]: _n }], [64 | 0, { [_jN]: _sGI }], [64 | 0, { [_jN]: _sI }], [0, { [_jN]: _vLI }], [5, { [_jN]: _cD }], [128 | 0, { [_jN]: _t }], [0, { [_jN]: _vLS }], [0, { [_jN]: _vLSM }], [0, { [_jN]: _vLV }]], 4
];
var __Unit = "unit";
var __listOfApi = [1, n0, _lOA,
    0, [() => Api$,
        0]
];
var __listOfApiMapping = [1, n0, _lOAM,
    0, [() => ApiMapping$,
        0]
];
var __listOfAuthorizer = [1, n0, _lOAi,
    0, [() => Authorizer$,
        0]
];
var __listOfDeployment = [1, n0, _lOD,
    0, [() => Deployment$,
        0]
];
var __listOfDomainName = [1, n0, _lODN,
    0, [() => DomainName$,
        0]
];
var __listOfIntegration = [1, n0, _lOI,
    0, [() => Integration$,
        0]
];
var __listOfIntegrationResponse = [1, n0, _lOIR,
    0, [() => IntegrationResponse$,
        0]
];
var __listOfModel = [1, n0, _lOM,
    0, [() => Model$,
        0]
];
var __listOfPortalProductSummary = [1, n0, _lOPPS,
    0, [() => PortalProductSummary$,
        0]
];
var __listOfPortalSummary = [1, n0, _lOPS,
    0, [() => PortalSummary$,
        0]
];
var __listOfProductPageSummaryNoBody = [1, n0, _lOPPSNB,
    0, [() => ProductPageSummaryNoBody$,
        0]
];
var __listOfProductRestEndpointPageSummaryNoBody = [1, n0, _lOPREPSNB,
    0, [() => ProductRestEndpointPageSummaryNoBody$,
        0]
];
var __listOfRoute = [1, n0, _lOR,
    0, [() => Route$,
        0]
];
var __listOfRouteResponse = [1, n0, _lORR,
    0, [() => RouteResponse$,
        0]
];
var __listOfRoutingRule = [1, n0, _lORRi,
    0, [() => RoutingRule$,
        0]
];
var __listOfRoutingRuleAction = [1, n0, _lORRA,
    0, [() => RoutingRuleAction$,
        0]
];
var __listOfRoutingRuleCondition = [1, n0, _lORRC,
    0, [() => RoutingRuleCondition$,
        0]
];
var __listOfRoutingRuleMatchHeaderValue = [1, n0, _lORRMHV,
    0, [() => RoutingRuleMatchHeaderValue$,
        0]
];
var __listOfSection = [1, n0, _lOS,
    0, [() => Section$,
        0]
];
var __listOfStage = [1, n0, _lOSi,
    0, [() => Stage$,
        0]
];
var __listOfVpcLink = [1, n0, _lOVL,
    0, [() => VpcLink$,
        0]
];
var DomainNameConfigurations = [1, n0, _DNC,
    0, [() => DomainNameConfiguration$,
        0]
];
var RouteParameters = [2, n0, _RPo,
    0, [0,
        0],
    [() => ParameterConstraints$,
        0]
];
var RouteSettingsMap = [2, n0, _RSM,
    0, [0,
        0],
    [() => RouteSettings$,
        0]
];
var CreateApi$ = [9, n0, _CAre,
    { [_ht]: ["POST", "/v2/apis", 201] }, () => CreateApiRequest$, () => CreateApiResponse$
];
var CreateApiMapping$ = [9, n0, _CAM,
    { [_ht]: ["POST", "/v2/domainnames/{DomainName}/apimappings", 201] }, () => CreateApiMappingRequest$, () => CreateApiMappingResponse$
];
var CreateAuthorizer$ = [9, n0, _CArea,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/authorizers", 201] }, () => CreateAuthorizerRequest$, () => CreateAuthorizerResponse$
];
var CreateDeployment$ = [9, n0, _CDr,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/deployments", 201] }, () => CreateDeploymentRequest$, () => CreateDeploymentResponse$
];
var CreateDomainName$ = [9, n0, _CDN,
    { [_ht]: ["POST", "/v2/domainnames", 201] }, () => CreateDomainNameRequest$, () => CreateDomainNameResponse$
];
var CreateIntegration$ = [9, n0, _CIr,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/integrations", 201] }, () => CreateIntegrationRequest$, () => CreateIntegrationResult$
];
var CreateIntegrationResponse$ = [9, n0, _CIRre,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/integrations/{IntegrationId}/integrationresponses", 201] }, () => CreateIntegrationResponseRequest$, () => CreateIntegrationResponseResponse$
];
var CreateModel$ = [9, n0, _CM,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/models", 201] }, () => CreateModelRequest$, () => CreateModelResponse$
];
var CreatePortal$ = [9, n0, _CP,
    { [_ht]: ["POST", "/v2/portals", 201] }, () => CreatePortalRequest$, () => CreatePortalResponse$
];
var CreatePortalProduct$ = [9, n0, _CPP,
    { [_ht]: ["POST", "/v2/portalproducts", 201] }, () => CreatePortalProductRequest$, () => CreatePortalProductResponse$
];
var CreateProductPage$ = [9, n0, _CPPr,
    { [_ht]: ["POST", "/v2/portalproducts/{PortalProductId}/productpages", 201] }, () => CreateProductPageRequest$, () => CreateProductPageResponse$
];
var CreateProductRestEndpointPage$ = [9, n0, _CPREP,
    { [_ht]: ["POST", "/v2/portalproducts/{PortalProductId}/productrestendpointpages", 201] }, () => CreateProductRestEndpointPageRequest$, () => CreateProductRestEndpointPageResponse$
];
var CreateRoute$ = [9, n0, _CR,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/routes", 201] }, () => CreateRouteRequest$, () => CreateRouteResult$
];
var CreateRouteResponse$ = [9, n0, _CRRre,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/routes/{RouteId}/routeresponses", 201] }, () => CreateRouteResponseRequest$, () => CreateRouteResponseResponse$
];
var CreateRoutingRule$ = [9, n0, _CRRrea,
    { [_ht]: ["POST", "/v2/domainnames/{DomainName}/routingrules", 201] }, () => CreateRoutingRuleRequest$, () => CreateRoutingRuleResponse$
];
var CreateStage$ = [9, n0, _CS,
    { [_ht]: ["POST", "/v2/apis/{ApiId}/stages", 201] }, () => CreateStageRequest$, () => CreateStageResponse$
];
var CreateVpcLink$ = [9, n0, _CVL,
    { [_ht]: ["POST", "/v2/vpclinks", 201] }, () => CreateVpcLinkRequest$, () => CreateVpcLinkResponse$
];
var DeleteAccessLogSettings$ = [9, n0, _DALS,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/stages/{StageName}/accesslogsettings", 204] }, () => DeleteAccessLogSettingsRequest$, () => __Unit
];
var DeleteApi$ = [9, n0, _DAe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}", 204] }, () => DeleteApiRequest$, () => __Unit
];
var DeleteApiMapping$ = [9, n0, _DAM,
    { [_ht]: ["DELETE", "/v2/domainnames/{DomainName}/apimappings/{ApiMappingId}", 204] }, () => DeleteApiMappingRequest$, () => __Unit
];
var DeleteAuthorizer$ = [9, n0, _DAel,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/authorizers/{AuthorizerId}", 204] }, () => DeleteAuthorizerRequest$, () => __Unit
];
var DeleteCorsConfiguration$ = [9, n0, _DCC,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/cors", 204] }, () => DeleteCorsConfigurationRequest$, () => __Unit
];
var DeleteDeployment$ = [9, n0, _DD,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/deployments/{DeploymentId}", 204] }, () => DeleteDeploymentRequest$, () => __Unit
];
var DeleteDomainName$ = [9, n0, _DDN,
    { [_ht]: ["DELETE", "/v2/domainnames/{DomainName}", 204] }, () => DeleteDomainNameRequest$, () => __Unit
];
var DeleteIntegration$ = [9, n0, _DIe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/integrations/{IntegrationId}", 204] }, () => DeleteIntegrationRequest$, () => __Unit
];
var DeleteIntegrationResponse$ = [9, n0, _DIRe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/integrations/{IntegrationId}/integrationresponses/{IntegrationResponseId}", 204] }, () => DeleteIntegrationResponseRequest$, () => __Unit
];
var DeleteModel$ = [9, n0, _DM,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/models/{ModelId}", 204] }, () => DeleteModelRequest$, () => __Unit
];
var DeletePortal$ = [9, n0, _DP,
    { [_ht]: ["DELETE", "/v2/portals/{PortalId}", 204] }, () => DeletePortalRequest$, () => __Unit
];
var DeletePortalProduct$ = [9, n0, _DPP,
    { [_ht]: ["DELETE", "/v2/portalproducts/{PortalProductId}", 204] }, () => DeletePortalProductRequest$, () => __Unit
];
var DeletePortalProductSharingPolicy$ = [9, n0, _DPPSP,
    { [_ht]: ["DELETE", "/v2/portalproducts/{PortalProductId}/sharingpolicy", 204] }, () => DeletePortalProductSharingPolicyRequest$, () => __Unit
];
var DeleteProductPage$ = [9, n0, _DPPe,
    { [_ht]: ["DELETE", "/v2/portalproducts/{PortalProductId}/productpages/{ProductPageId}", 204] }, () => DeleteProductPageRequest$, () => __Unit
];
var DeleteProductRestEndpointPage$ = [9, n0, _DPREP,
    { [_ht]: ["DELETE", "/v2/portalproducts/{PortalProductId}/productrestendpointpages/{ProductRestEndpointPageId}", 204] }, () => DeleteProductRestEndpointPageRequest$, () => __Unit
];
var DeleteRoute$ = [9, n0, _DR,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/routes/{RouteId}", 204] }, () => DeleteRouteRequest$, () => __Unit
];
var DeleteRouteRequestParameter$ = [9, n0, _DRRP,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/routes/{RouteId}/requestparameters/{RequestParameterKey}", 204] }, () => DeleteRouteRequestParameterRequest$, () => __Unit
];
var DeleteRouteResponse$ = [9, n0, _DRRe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/routes/{RouteId}/routeresponses/{RouteResponseId}", 204] }, () => DeleteRouteResponseRequest$, () => __Unit
];
var DeleteRouteSettings$ = [9, n0, _DRSe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/stages/{StageName}/routesettings/{RouteKey}", 204] }, () => DeleteRouteSettingsRequest$, () => __Unit
];
var DeleteRoutingRule$ = [9, n0, _DRRel,
    { [_ht]: ["DELETE", "/v2/domainnames/{DomainName}/routingrules/{RoutingRuleId}", 204] }, () => DeleteRoutingRuleRequest$, () => __Unit
];
var DeleteStage$ = [9, n0, _DSe,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/stages/{StageName}", 204] }, () => DeleteStageRequest$, () => __Unit
];
var DeleteVpcLink$ = [9, n0, _DVL,
    { [_ht]: ["DELETE", "/v2/vpclinks/{VpcLinkId}", 202] }, () => DeleteVpcLinkRequest$, () => DeleteVpcLinkResponse$
];
var DisablePortal$ = [9, n0, _DPi,
    { [_ht]: ["DELETE", "/v2/portals/{PortalId}/publish", 204] }, () => DisablePortalRequest$, () => __Unit
];
var ExportApi$ = [9, n0, _EA,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/exports/{Specification}", 200] }, () => ExportApiRequest$, () => ExportApiResponse$
];
var GetApi$ = [9, n0, _GA,
    { [_ht]: ["GET", "/v2/apis/{ApiId}", 200] }, () => GetApiRequest$, () => GetApiResponse$
];
var GetApiMapping$ = [9, n0, _GAM,
    { [_ht]: ["GET", "/v2/domainnames/{DomainName}/apimappings/{ApiMappingId}", 200] }, () => GetApiMappingRequest$, () => GetApiMappingResponse$
];
var GetApiMappings$ = [9, n0, _GAMe,
    { [_ht]: ["GET", "/v2/domainnames/{DomainName}/apimappings", 200] }, () => GetApiMappingsRequest$, () => GetApiMappingsResponse$
];
var GetApis$ = [9, n0, _GAe,
    { [_ht]: ["GET", "/v2/apis", 200] }, () => GetApisRequest$, () => GetApisResponse$
];
var GetAuthorizer$ = [9, n0, _GAet,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/authorizers/{AuthorizerId}", 200] }, () => GetAuthorizerRequest$, () => GetAuthorizerResponse$
];
var GetAuthorizers$ = [9, n0, _GAetu,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/authorizers", 200] }, () => GetAuthorizersRequest$, () => GetAuthorizersResponse$
];
var GetDeployment$ = [9, n0, _GD,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/deployments/{DeploymentId}", 200] }, () => GetDeploymentRequest$, () => GetDeploymentResponse$
];
var GetDeployments$ = [9, n0, _GDe,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/deployments", 200] }, () => GetDeploymentsRequest$, () => GetDeploymentsResponse$
];
var GetDomainName$ = [9, n0, _GDN,
    { [_ht]: ["GET", "/v2/domainnames/{DomainName}", 200] }, () => GetDomainNameRequest$, () => GetDomainNameResponse$
];
var GetDomainNames$ = [9, n0, _GDNe,
    { [_ht]: ["GET", "/v2/domainnames", 200] }, () => GetDomainNamesRequest$, () => GetDomainNamesResponse$
];
var GetIntegration$ = [9, n0, _GI,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/integrations/{IntegrationId}", 200] }, () => GetIntegrationRequest$, () => GetIntegrationResult$
];
var GetIntegrationResponse$ = [9, n0, _GIRetnt,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/integrations/{IntegrationId}/integrationresponses/{IntegrationResponseId}", 200] }, () => GetIntegrationResponseRequest$, () => GetIntegrationResponseResponse$
];
var GetIntegrationResponses$ = [9, n0, _GIRetnte,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/integrations/{IntegrationId}/integrationresponses", 200] }, () => GetIntegrationResponsesRequest$, () => GetIntegrationResponsesResponse$
];
var GetIntegrations$ = [9, n0, _GIe,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/integrations", 200] }, () => GetIntegrationsRequest$, () => GetIntegrationsResponse$
];
var GetModel$ = [9, n0, _GM,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/models/{ModelId}", 200] }, () => GetModelRequest$, () => GetModelResponse$
];
var GetModels$ = [9, n0, _GMe,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/models", 200] }, () => GetModelsRequest$, () => GetModelsResponse$
];
var GetModelTemplate$ = [9, n0, _GMT,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/models/{ModelId}/template", 200] }, () => GetModelTemplateRequest$, () => GetModelTemplateResponse$
];
var GetPortal$ = [9, n0, _GP,
    { [_ht]: ["GET", "/v2/portals/{PortalId}", 200] }, () => GetPortalRequest$, () => GetPortalResponse$
];
var GetPortalProduct$ = [9, n0, _GPP,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}", 200] }, () => GetPortalProductRequest$, () => GetPortalProductResponse$
];
var GetPortalProductSharingPolicy$ = [9, n0, _GPPSP,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}/sharingpolicy", 200] }, () => GetPortalProductSharingPolicyRequest$, () => GetPortalProductSharingPolicyResponse$
];
var GetProductPage$ = [9, n0, _GPPe,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}/productpages/{ProductPageId}", 200] }, () => GetProductPageRequest$, () => GetProductPageResponse$
];
var GetProductRestEndpointPage$ = [9, n0, _GPREP,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}/productrestendpointpages/{ProductRestEndpointPageId}", 200] }, () => GetProductRestEndpointPageRequest$, () => GetProductRestEndpointPageResponse$
];
var GetRoute$ = [9, n0, _GR,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/routes/{RouteId}", 200] }, () => GetRouteRequest$, () => GetRouteResult$
];
var GetRouteResponse$ = [9, n0, _GRRetou,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/routes/{RouteId}/routeresponses/{RouteResponseId}", 200] }, () => GetRouteResponseRequest$, () => GetRouteResponseResponse$
];
var GetRouteResponses$ = [9, n0, _GRRetout,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/routes/{RouteId}/routeresponses", 200] }, () => GetRouteResponsesRequest$, () => GetRouteResponsesResponse$
];
var GetRoutes$ = [9, n0, _GRe,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/routes", 200] }, () => GetRoutesRequest$, () => GetRoutesResponse$
];
var GetRoutingRule$ = [9, n0, _GRRetouti,
    { [_ht]: ["GET", "/v2/domainnames/{DomainName}/routingrules/{RoutingRuleId}", 200] }, () => GetRoutingRuleRequest$, () => GetRoutingRuleResponse$
];
var GetStage$ = [9, n0, _GS,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/stages/{StageName}", 200] }, () => GetStageRequest$, () => GetStageResponse$
];
var GetStages$ = [9, n0, _GSe,
    { [_ht]: ["GET", "/v2/apis/{ApiId}/stages", 200] }, () => GetStagesRequest$, () => GetStagesResponse$
];
var GetTags$ = [9, n0, _GT,
    { [_ht]: ["GET", "/v2/tags/{ResourceArn}", 200] }, () => GetTagsRequest$, () => GetTagsResponse$
];
var GetVpcLink$ = [9, n0, _GVL,
    { [_ht]: ["GET", "/v2/vpclinks/{VpcLinkId}", 200] }, () => GetVpcLinkRequest$, () => GetVpcLinkResponse$
];
var GetVpcLinks$ = [9, n0, _GVLe,
    { [_ht]: ["GET", "/v2/vpclinks", 200] }, () => GetVpcLinksRequest$, () => GetVpcLinksResponse$
];
var ImportApi$ = [9, n0, _IAm,
    { [_ht]: ["PUT", "/v2/apis", 201] }, () => ImportApiRequest$, () => ImportApiResponse$
];
var ListPortalProducts$ = [9, n0, _LPP,
    { [_ht]: ["GET", "/v2/portalproducts", 200] }, () => ListPortalProductsRequest$, () => ListPortalProductsResponse$
];
var ListPortals$ = [9, n0, _LPi,
    { [_ht]: ["GET", "/v2/portals", 200] }, () => ListPortalsRequest$, () => ListPortalsResponse$
];
var ListProductPages$ = [9, n0, _LPPi,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}/productpages", 200] }, () => ListProductPagesRequest$, () => ListProductPagesResponse$
];
var ListProductRestEndpointPages$ = [9, n0, _LPREP,
    { [_ht]: ["GET", "/v2/portalproducts/{PortalProductId}/productrestendpointpages", 200] }, () => ListProductRestEndpointPagesRequest$, () => ListProductRestEndpointPagesResponse$
];
var ListRoutingRules$ = [9, n0, _LRR,
    { [_ht]: ["GET", "/v2/domainnames/{DomainName}/routingrules", 200] }, () => ListRoutingRulesRequest$, () => ListRoutingRulesResponse$
];
var PreviewPortal$ = [9, n0, _PP,
    { [_ht]: ["POST", "/v2/portals/{PortalId}/preview", 202] }, () => PreviewPortalRequest$, () => PreviewPortalResponse$
];
var PublishPortal$ = [9, n0, _PPu,
    { [_ht]: ["POST", "/v2/portals/{PortalId}/publish", 202] }, () => PublishPortalRequest$, () => PublishPortalResponse$
];
var PutPortalProductSharingPolicy$ = [9, n0, _PPPSP,
    { [_ht]: ["PUT", "/v2/portalproducts/{PortalProductId}/sharingpolicy", 200] }, () => PutPortalProductSharingPolicyRequest$, () => PutPortalProductSharingPolicyResponse$
];
var PutRoutingRule$ = [9, n0, _PRR,
    { [_ht]: ["PUT", "/v2/domainnames/{DomainName}/routingrules/{RoutingRuleId}", 200] }, () => PutRoutingRuleRequest$, () => PutRoutingRuleResponse$
];
var ReimportApi$ = [9, n0, _RAe,
    { [_ht]: ["PUT", "/v2/apis/{ApiId}", 201] }, () => ReimportApiRequest$, () => ReimportApiResponse$
];
var ResetAuthorizersCache$ = [9, n0, _RAC,
    { [_ht]: ["DELETE", "/v2/apis/{ApiId}/stages/{StageName}/cache/authorizers", 204] }, () => ResetAuthorizersCacheRequest$, () => __Unit
];
var TagResource$ = [9, n0, _TR,
    { [_ht]: ["POST", "/v2/tags/{ResourceArn}", 201] }, () => TagResourceRequest$, () => TagResourceResponse$
];
var UntagResource$ = [9, n0, _UR,
    { [_ht]: ["DELETE", "/v2/tags/{ResourceArn}", 204] }, () => UntagResourceRequest$, () => __Unit
];
var UpdateApi$ = [9, n0, _UA,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}", 200] }, () => UpdateApiRequest$, () => UpdateApiResponse$
];
var UpdateApiMapping$ = [9, n0, _UAM,
    { [_ht]: ["PATCH", "/v2/domainnames/{DomainName}/apimappings/{ApiMappingId}", 200] }, () => UpdateApiMappingRequest$, () => UpdateApiMappingResponse$
];
var UpdateAuthorizer$ = [9, n0, _UAp,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/authorizers/{AuthorizerId}", 200] }, () => UpdateAuthorizerRequest$, () => UpdateAuthorizerResponse$
];
var UpdateDeployment$ = [9, n0, _UD,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/deployments/{DeploymentId}", 200] }, () => UpdateDeploymentRequest$, () => UpdateDeploymentResponse$
];
var UpdateDomainName$ = [9, n0, _UDN,
    { [_ht]: ["PATCH", "/v2/domainnames/{DomainName}", 200] }, () => UpdateDomainNameRequest$, () => UpdateDomainNameResponse$
];
var UpdateIntegration$ = [9, n0, _UI,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/integrations/{IntegrationId}", 200] }, () => UpdateIntegrationRequest$, () => UpdateIntegrationResult$
];
var UpdateIntegrationResponse$ = [9, n0, _UIRpd,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/integrations/{IntegrationId}/integrationresponses/{IntegrationResponseId}", 200] }, () => UpdateIntegrationResponseRequest$, () => UpdateIntegrationResponseResponse$
];
var UpdateModel$ = [9, n0, _UM,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/models/{ModelId}", 200] }, () => UpdateModelRequest$, () => UpdateModelResponse$
];
var UpdatePortal$ = [9, n0, _UP,
    { [_ht]: ["PATCH", "/v2/portals/{PortalId}", 200] }, () => UpdatePortalRequest$, () => UpdatePortalResponse$
];
var UpdatePortalProduct$ = [9, n0, _UPP,
    { [_ht]: ["PATCH", "/v2/portalproducts/{PortalProductId}", 200] }, () => UpdatePortalProductRequest$, () => UpdatePortalProductResponse$
];
var UpdateProductPage$ = [9, n0, _UPPp,
    { [_ht]: ["PATCH", "/v2/portalproducts/{PortalProductId}/productpages/{ProductPageId}", 200] }, () => UpdateProductPageRequest$, () => UpdateProductPageResponse$
];
var UpdateProductRestEndpointPage$ = [9, n0, _UPREP,
    { [_ht]: ["PATCH", "/v2/portalproducts/{PortalProductId}/productrestendpointpages/{ProductRestEndpointPageId}", 200] }, () => UpdateProductRestEndpointPageRequest$, () => UpdateProductRestEndpointPageResponse$
];
var UpdateRoute$ = [9, n0, _URp,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/routes/{RouteId}", 200] }, () => UpdateRouteRequest$, () => UpdateRouteResult$
];
var UpdateRouteResponse$ = [9, n0, _URRpda,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/routes/{RouteId}/routeresponses/{RouteResponseId}", 200] }, () => UpdateRouteResponseRequest$, () => UpdateRouteResponseResponse$
];
var UpdateStage$ = [9, n0, _US,
    { [_ht]: ["PATCH", "/v2/apis/{ApiId}/stages/{StageName}", 200] }, () => UpdateStageRequest$, () => UpdateStageResponse$
];
var UpdateVpcLink$ = [9, n0, _UVL,
    { [_ht]: ["PATCH", "/v2/vpclinks/{VpcLinkId}", 200] }, () => UpdateVpcLinkRequest$, () => UpdateVpcLinkResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2018-11-29",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultApiGatewayV2HttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.apigatewayv2",
            errorTypeRegistries,
            version: "2018-11-29",
            serviceTarget: "ApiGatewayV2",
        },
        serviceId: config?.serviceId ?? "ApiGatewayV2",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 900_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class ApiGatewayV2Client extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultApiGatewayV2HttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "ApiGatewayV2", "ApiGatewayV2Client", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class CreateApiCommand extends command(_ep0, _mw0, "CreateApi", CreateApi$) {
}

class CreateApiMappingCommand extends command(_ep0, _mw0, "CreateApiMapping", CreateApiMapping$) {
}

class CreateAuthorizerCommand extends command(_ep0, _mw0, "CreateAuthorizer", CreateAuthorizer$) {
}

class CreateDeploymentCommand extends command(_ep0, _mw0, "CreateDeployment", CreateDeployment$) {
}

class CreateDomainNameCommand extends command(_ep0, _mw0, "CreateDomainName", CreateDomainName$) {
}

class CreateIntegrationCommand extends command(_ep0, _mw0, "CreateIntegration", CreateIntegration$) {
}

class CreateIntegrationResponseCommand extends command(_ep0, _mw0, "CreateIntegrationResponse", CreateIntegrationResponse$) {
}

class CreateModelCommand extends command(_ep0, _mw0, "CreateModel", CreateModel$) {
}

class CreatePortalCommand extends command(_ep0, _mw0, "CreatePortal", CreatePortal$) {
}

class CreatePortalProductCommand extends command(_ep0, _mw0, "CreatePortalProduct", CreatePortalProduct$) {
}

class CreateProductPageCommand extends command(_ep0, _mw0, "CreateProductPage", CreateProductPage$) {
}

class CreateProductRestEndpointPageCommand extends command(_ep0, _mw0, "CreateProductRestEndpointPage", CreateProductRestEndpointPage$) {
}

class CreateRouteCommand extends command(_ep0, _mw0, "CreateRoute", CreateRoute$) {
}

class CreateRouteResponseCommand extends command(_ep0, _mw0, "CreateRouteResponse", CreateRouteResponse$) {
}

class CreateRoutingRuleCommand extends command(_ep0, _mw0, "CreateRoutingRule", CreateRoutingRule$) {
}

class CreateStageCommand extends command(_ep0, _mw0, "CreateStage", CreateStage$) {
}

class CreateVpcLinkCommand extends command(_ep0, _mw0, "CreateVpcLink", CreateVpcLink$) {
}

class DeleteAccessLogSettingsCommand extends command(_ep0, _mw0, "DeleteAccessLogSettings", DeleteAccessLogSettings$) {
}

class DeleteApiCommand extends command(_ep0, _mw0, "DeleteApi", DeleteApi$) {
}

class DeleteApiMappingCommand extends command(_ep0, _mw0, "DeleteApiMapping", DeleteApiMapping$) {
}

class DeleteAuthorizerCommand extends command(_ep0, _mw0, "DeleteAuthorizer", DeleteAuthorizer$) {
}

class DeleteCorsConfigurationCommand extends command(_ep0, _mw0, "DeleteCorsConfiguration", DeleteCorsConfiguration$) {
}

class DeleteDeploymentCommand extends command(_ep0, _mw0, "DeleteDeployment", DeleteDeployment$) {
}

class DeleteDomainNameCommand extends command(_ep0, _mw0, "DeleteDomainName", DeleteDomainName$) {
}

class DeleteIntegrationCommand extends command(_ep0, _mw0, "DeleteIntegration", DeleteIntegration$) {
}

class DeleteIntegrationResponseCommand extends command(_ep0, _mw0, "DeleteIntegrationResponse", DeleteIntegrationResponse$) {
}

class DeleteModelCommand extends command(_ep0, _mw0, "DeleteModel", DeleteModel$) {
}

class DeletePortalCommand extends command(_ep0, _mw0, "DeletePortal", DeletePortal$) {
}

class DeletePortalProductCommand extends command(_ep0, _mw0, "DeletePortalProduct", DeletePortalProduct$) {
}

class DeletePortalProductSharingPolicyCommand extends command(_ep0, _mw0, "DeletePortalProductSharingPolicy", DeletePortalProductSharingPolicy$) {
}

class DeleteProductPageCommand extends command(_ep0, _mw0, "DeleteProductPage", DeleteProductPage$) {
}

class DeleteProductRestEndpointPageCommand extends command(_ep0, _mw0, "DeleteProductRestEndpointPage", DeleteProductRestEndpointPage$) {
}

class DeleteRouteCommand extends command(_ep0, _mw0, "DeleteRoute", DeleteRoute$) {
}

class DeleteRouteRequestParameterCommand extends command(_ep0, _mw0, "DeleteRouteRequestParameter", DeleteRouteRequestParameter$) {
}

class DeleteRouteResponseCommand extends command(_ep0, _mw0, "DeleteRouteResponse", DeleteRouteResponse$) {
}

class DeleteRouteSettingsCommand extends command(_ep0, _mw0, "DeleteRouteSettings", DeleteRouteSettings$) {
}

class DeleteRoutingRuleCommand extends command(_ep0, _mw0, "DeleteRoutingRule", DeleteRoutingRule$) {
}

class DeleteStageCommand extends command(_ep0, _mw0, "DeleteStage", DeleteStage$) {
}

class DeleteVpcLinkCommand extends command(_ep0, _mw0, "DeleteVpcLink", DeleteVpcLink$) {
}

class DisablePortalCommand extends command(_ep0, _mw0, "DisablePortal", DisablePortal$) {
}

class ExportApiCommand extends command(_ep0, _mw0, "ExportApi", ExportApi$) {
}

class GetApiCommand extends command(_ep0, _mw0, "GetApi", GetApi$) {
}

class GetApiMappingCommand extends command(_ep0, _mw0, "GetApiMapping", GetApiMapping$) {
}

class GetApiMappingsCommand extends command(_ep0, _mw0, "GetApiMappings", GetApiMappings$) {
}

class GetApisCommand extends command(_ep0, _mw0, "GetApis", GetApis$) {
}

class GetAuthorizerCommand extends command(_ep0, _mw0, "GetAuthorizer", GetAuthorizer$) {
}

class GetAuthorizersCommand extends command(_ep0, _mw0, "GetAuthorizers", GetAuthorizers$) {
}

class GetDeploymentCommand extends command(_ep0, _mw0, "GetDeployment", GetDeployment$) {
}

class GetDeploymentsCommand extends command(_ep0, _mw0, "GetDeployments", GetDeployments$) {
}

class GetDomainNameCommand extends command(_ep0, _mw0, "GetDomainName", GetDomainName$) {
}

class GetDomainNamesCommand extends command(_ep0, _mw0, "GetDomainNames", GetDomainNames$) {
}

class GetIntegrationCommand extends command(_ep0, _mw0, "GetIntegration", GetIntegration$) {
}

class GetIntegrationResponseCommand extends command(_ep0, _mw0, "GetIntegrationResponse", GetIntegrationResponse$) {
}

class GetIntegrationResponsesCommand extends command(_ep0, _mw0, "GetIntegrationResponses", GetIntegrationResponses$) {
}

class GetIntegrationsCommand extends command(_ep0, _mw0, "GetIntegrations", GetIntegrations$) {
}

class GetModelCommand extends command(_ep0, _mw0, "GetModel", GetModel$) {
}

class GetModelsCommand extends command(_ep0, _mw0, "GetModels", GetModels$) {
}

class GetModelTemplateCommand extends command(_ep0, _mw0, "GetModelTemplate", GetModelTemplate$) {
}

class GetPortalCommand extends command(_ep0, _mw0, "GetPortal", GetPortal$) {
}

class GetPortalProductCommand extends command(_ep0, _mw0, "GetPortalProduct", GetPortalProduct$) {
}

class GetPortalProductSharingPolicyCommand extends command(_ep0, _mw0, "GetPortalProductSharingPolicy", GetPortalProductSharingPolicy$) {
}

class GetProductPageCommand extends command(_ep0, _mw0, "GetProductPage", GetProductPage$) {
}

class GetProductRestEndpointPageCommand extends command(_ep0, _mw0, "GetProductRestEndpointPage", GetProductRestEndpointPage$) {
}

class GetRouteCommand extends command(_ep0, _mw0, "GetRoute", GetRoute$) {
}

class GetRouteResponseCommand extends command(_ep0, _mw0, "GetRouteResponse", GetRouteResponse$) {
}

class GetRouteResponsesCommand extends command(_ep0, _mw0, "GetRouteResponses", GetRouteResponses$) {
}

class GetRoutesCommand extends command(_ep0, _mw0, "GetRoutes", GetRoutes$) {
}

class GetRoutingRuleCommand extends command(_ep0, _mw0, "GetRoutingRule", GetRoutingRule$) {
}

class GetStageCommand extends command(_ep0, _mw0, "GetStage", GetStage$) {
}

class GetStagesCommand extends command(_ep0, _mw0, "GetStages", GetStages$) {
}

class GetTagsCommand extends command(_ep0, _mw0, "GetTags", GetTags$) {
}

class GetVpcLinkCommand extends command(_ep0, _mw0, "GetVpcLink", GetVpcLink$) {
}

class GetVpcLinksCommand extends command(_ep0, _mw0, "GetVpcLinks", GetVpcLinks$) {
}

class ImportApiCommand extends command(_ep0, _mw0, "ImportApi", ImportApi$) {
}

class ListPortalProductsCommand extends command(_ep0, _mw0, "ListPortalProducts", ListPortalProducts$) {
}

class ListPortalsCommand extends command(_ep0, _mw0, "ListPortals", ListPortals$) {
}

class ListProductPagesCommand extends command(_ep0, _mw0, "ListProductPages", ListProductPages$) {
}

class ListProductRestEndpointPagesCommand extends command(_ep0, _mw0, "ListProductRestEndpointPages", ListProductRestEndpointPages$) {
}

class ListRoutingRulesCommand extends command(_ep0, _mw0, "ListRoutingRules", ListRoutingRules$) {
}

class PreviewPortalCommand extends command(_ep0, _mw0, "PreviewPortal", PreviewPortal$) {
}

class PublishPortalCommand extends command(_ep0, _mw0, "PublishPortal", PublishPortal$) {
}

class PutPortalProductSharingPolicyCommand extends command(_ep0, _mw0, "PutPortalProductSharingPolicy", PutPortalProductSharingPolicy$) {
}

class PutRoutingRuleCommand extends command(_ep0, _mw0, "PutRoutingRule", PutRoutingRule$) {
}

class ReimportApiCommand extends command(_ep0, _mw0, "ReimportApi", ReimportApi$) {
}

class ResetAuthorizersCacheCommand extends command(_ep0, _mw0, "ResetAuthorizersCache", ResetAuthorizersCache$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateApiCommand extends command(_ep0, _mw0, "UpdateApi", UpdateApi$) {
}

class UpdateApiMappingCommand extends command(_ep0, _mw0, "UpdateApiMapping", UpdateApiMapping$) {
}

class UpdateAuthorizerCommand extends command(_ep0, _mw0, "UpdateAuthorizer", UpdateAuthorizer$) {
}

class UpdateDeploymentCommand extends command(_ep0, _mw0, "UpdateDeployment", UpdateDeployment$) {
}

class UpdateDomainNameCommand extends command(_ep0, _mw0, "UpdateDomainName", UpdateDomainName$) {
}

class UpdateIntegrationCommand extends command(_ep0, _mw0, "UpdateIntegration", UpdateIntegration$) {
}

class UpdateIntegrationResponseCommand extends command(_ep0, _mw0, "UpdateIntegrationResponse", UpdateIntegrationResponse$) {
}

class UpdateModelCommand extends command(_ep0, _mw0, "UpdateModel", UpdateModel$) {
}

class UpdatePortalCommand extends command(_ep0, _mw0, "UpdatePortal", UpdatePortal$) {
}

class UpdatePortalProductCommand extends command(_ep0, _mw0, "UpdatePortalProduct", UpdatePortalProduct$) {
}

class UpdateProductPageCommand extends command(_ep0, _mw0, "UpdateProductPage", UpdateProductPage$) {
}

class UpdateProductRestEndpointPageCommand extends command(_ep0, _mw0, "UpdateProductRestEndpointPage", UpdateProductRestEndpointPage$) {
}

class UpdateRouteCommand extends command(_ep0, _mw0, "UpdateRoute", UpdateRoute$) {
}

class UpdateRouteResponseCommand extends command(_ep0, _mw0, "UpdateRouteResponse", UpdateRouteResponse$) {
}

class UpdateStageCommand extends command(_ep0, _mw0, "UpdateStage", UpdateStage$) {
}

class UpdateVpcLinkCommand extends command(_ep0, _mw0, "UpdateVpcLink", UpdateVpcLink$) {
}

const paginateListRoutingRules = createPaginator(ApiGatewayV2Client, ListRoutingRulesCommand, "NextToken", "NextToken", "MaxResults");

const commands = {
    CreateApiCommand,
    CreateApiMappingCommand,
    CreateAuthorizerCommand,
    CreateDeploymentCommand,
    CreateDomainNameCommand,
    CreateIntegrationCommand,
    CreateIntegrationResponseCommand,
    CreateModelCommand,
    CreatePortalCommand,
    CreatePortalProductCommand,
    CreateProductPageCommand,
    CreateProductRestEndpointPageCommand,
    CreateRouteCommand,
    CreateRouteResponseCommand,
    CreateRoutingRuleCommand,
    CreateStageCommand,
    CreateVpcLinkCommand,
    DeleteAccessLogSettingsCommand,
    DeleteApiCommand,
    DeleteApiMappingCommand,
    DeleteAuthorizerCommand,
    DeleteCorsConfigurationCommand,
    DeleteDeploymentCommand,
    DeleteDomainNameCommand,
    DeleteIntegrationCommand,
    DeleteIntegrationResponseCommand,
    DeleteModelCommand,
    DeletePortalCommand,
    DeletePortalProductCommand,
    DeletePortalProductSharingPolicyCommand,
    DeleteProductPageCommand,
    DeleteProductRestEndpointPageCommand,
    DeleteRouteCommand,
    DeleteRouteRequestParameterCommand,
    DeleteRouteResponseCommand,
    DeleteRouteSettingsCommand,
    DeleteRoutingRuleCommand,
    DeleteStageCommand,
    DeleteVpcLinkCommand,
    DisablePortalCommand,
    ExportApiCommand,
    GetApiCommand,
    GetApiMappingCommand,
    GetApiMappingsCommand,
    GetApisCommand,
    GetAuthorizerCommand,
    GetAuthorizersCommand,
    GetDeploymentCommand,
    GetDeploymentsCommand,
    GetDomainNameCommand,
    GetDomainNamesCommand,
    GetIntegrationCommand,
    GetIntegrationResponseCommand,
    GetIntegrationResponsesCommand,
    GetIntegrationsCommand,
    GetModelCommand,
    GetModelsCommand,
    GetModelTemplateCommand,
    GetPortalCommand,
    GetPortalProductCommand,
    GetPortalProductSharingPolicyCommand,
    GetProductPageCommand,
    GetProductRestEndpointPageCommand,
    GetRouteCommand,
    GetRouteResponseCommand,
    GetRouteResponsesCommand,
    GetRoutesCommand,
    GetRoutingRuleCommand,
    GetStageCommand,
    GetStagesCommand,
    GetTagsCommand,
    GetVpcLinkCommand,
    GetVpcLinksCommand,
    ImportApiCommand,
    ListPortalProductsCommand,
    ListPortalsCommand,
    ListProductPagesCommand,
    ListProductRestEndpointPagesCommand,
    ListRoutingRulesCommand,
    PreviewPortalCommand,
    PublishPortalCommand,
    PutPortalProductSharingPolicyCommand,
    PutRoutingRuleCommand,
    ReimportApiCommand,
    ResetAuthorizersCacheCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateApiCommand,
    UpdateApiMappingCommand,
    UpdateAuthorizerCommand,
    UpdateDeploymentCommand,
    UpdateDomainNameCommand,
    UpdateIntegrationCommand,
    UpdateIntegrationResponseCommand,
    UpdateModelCommand,
    UpdatePortalCommand,
    UpdatePortalProductCommand,
    UpdateProductPageCommand,
    UpdateProductRestEndpointPageCommand,
    UpdateRouteCommand,
    UpdateRouteResponseCommand,
    UpdateStageCommand,
    UpdateVpcLinkCommand,
};
const paginators = {
    paginateListRoutingRules,
};
class ApiGatewayV2 extends ApiGatewayV2Client {
}
createAggregatedClient(commands, ApiGatewayV2, { paginators });

const IpAddressType = {
    dualstack: "dualstack",
    ipv4: "ipv4",
};
const ProtocolType = {
    HTTP: "HTTP",
    WEBSOCKET: "WEBSOCKET",
};
const AuthorizerType = {
    JWT: "JWT",
    REQUEST: "REQUEST",
};
const DeploymentStatus = {
    DEPLOYED: "DEPLOYED",
    FAILED: "FAILED",
    PENDING: "PENDING",
};
const DomainNameStatus = {
    AVAILABLE: "AVAILABLE",
    PENDING_CERTIFICATE_REIMPORT: "PENDING_CERTIFICATE_REIMPORT",
    PENDING_OWNERSHIP_VERIFICATION: "PENDING_OWNERSHIP_VERIFICATION",
    UPDATING: "UPDATING",
};
const EndpointType = {
    EDGE: "EDGE",
    REGIONAL: "REGIONAL",
};
const SecurityPolicy = {
    TLS_1_0: "TLS_1_0",
    TLS_1_2: "TLS_1_2",
};
const RoutingMode = {
    API_MAPPING_ONLY: "API_MAPPING_ONLY",
    ROUTING_RULE_ONLY: "ROUTING_RULE_ONLY",
    ROUTING_RULE_THEN_API_MAPPING: "ROUTING_RULE_THEN_API_MAPPING",
};
const ConnectionType = {
    INTERNET: "INTERNET",
    VPC_LINK: "VPC_LINK",
};
const ContentHandlingStrategy = {
    CONVERT_TO_BINARY: "CONVERT_TO_BINARY",
    CONVERT_TO_TEXT: "CONVERT_TO_TEXT",
};
const IntegrationType = {
    AWS: "AWS",
    AWS_PROXY: "AWS_PROXY",
    HTTP: "HTTP",
    HTTP_PROXY: "HTTP_PROXY",
    MOCK: "MOCK",
};
const PassthroughBehavior = {
    NEVER: "NEVER",
    WHEN_NO_MATCH: "WHEN_NO_MATCH",
    WHEN_NO_TEMPLATES: "WHEN_NO_TEMPLATES",
};
const PreviewStatus = {
    PREVIEW_FAILED: "PREVIEW_FAILED",
    PREVIEW_IN_PROGRESS: "PREVIEW_IN_PROGRESS",
    PREVIEW_READY: "PREVIEW_READY",
};
const PublishStatus = {
    DISABLED: "DISABLED",
    DISABLE_FAILED: "DISABLE_FAILED",
    DISABLE_IN_PROGRESS: "DISABLE_IN_PROGRESS",
    PUBLISHED: "PUBLISHED",
    PUBLISH_FAILED: "PUBLISH_FAILED",
    PUBLISH_IN_PROGRESS: "PUBLISH_IN_PROGRESS",
};
const Status = {
    AVAILABLE: "AVAILABLE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const TryItState = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const AuthorizationType = {
    AWS_IAM: "AWS_IAM",
    CUSTOM: "CUSTOM",
    JWT: "JWT",
    NONE: "NONE",
};
const LoggingLevel = {
    ERROR: "ERROR",
    INFO: "INFO",
    OFF: "OFF",
};
const VpcLinkStatus = {
    AVAILABLE: "AVAILABLE",
    DELETING: "DELETING",
    FAILED: "FAILED",
    INACTIVE: "INACTIVE",
    PENDING: "PENDING",
};
const VpcLinkVersion = {
    V2: "V2",
};

__webpack_unused_export__ = ACMManaged$;
__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = AccessLogSettings$;
__webpack_unused_export__ = Api$;
__webpack_unused_export__ = ApiGatewayV2;
exports.qUf = ApiGatewayV2Client;
__webpack_unused_export__ = ApiGatewayV2ServiceException;
__webpack_unused_export__ = ApiGatewayV2ServiceException$;
__webpack_unused_export__ = ApiMapping$;
__webpack_unused_export__ = Authorization$;
__webpack_unused_export__ = AuthorizationType;
__webpack_unused_export__ = Authorizer$;
__webpack_unused_export__ = AuthorizerType;
__webpack_unused_export__ = BadRequestException;
__webpack_unused_export__ = BadRequestException$;
__webpack_unused_export__ = CognitoConfig$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = ConnectionType;
__webpack_unused_export__ = ContentHandlingStrategy;
__webpack_unused_export__ = Cors$;
__webpack_unused_export__ = CreateApi$;
__webpack_unused_export__ = CreateApiCommand;
__webpack_unused_export__ = CreateApiMapping$;
__webpack_unused_export__ = CreateApiMappingCommand;
__webpack_unused_export__ = CreateApiMappingRequest$;
__webpack_unused_export__ = CreateApiMappingResponse$;
__webpack_unused_export__ = CreateApiRequest$;
__webpack_unused_export__ = CreateApiResponse$;
__webpack_unused_export__ = CreateAuthorizer$;
__webpack_unused_export__ = CreateAuthorizerCommand;
__webpack_unused_export__ = CreateAuthorizerRequest$;
__webpack_unused_export__ = CreateAuthorizerResponse$;
__webpack_unused_export__ = CreateDeployment$;
__webpack_unused_export__ = CreateDeploymentCommand;
__webpack_unused_export__ = CreateDeploymentRequest$;
__webpack_unused_export__ = CreateDeploymentResponse$;
__webpack_unused_export__ = CreateDomainName$;
__webpack_unused_export__ = CreateDomainNameCommand;
__webpack_unused_export__ = CreateDomainNameRequest$;
__webpack_unused_export__ = CreateDomainNameResponse$;
__webpack_unused_export__ = CreateIntegration$;
__webpack_unused_export__ = CreateIntegrationCommand;
__webpack_unused_export__ = CreateIntegrationRequest$;
__webpack_unused_export__ = CreateIntegrationResponse$;
__webpack_unused_export__ = CreateIntegrationResponseCommand;
__webpack_unused_export__ = CreateIntegrationResponseRequest$;
__webpack_unused_export__ = CreateIntegrationResponseResponse$;
__webpack_unused_export__ = CreateIntegrationResult$;
__webpack_unused_export__ = CreateModel$;
__webpack_unused_export__ = CreateModelCommand;
__webpack_unused_export__ = CreateModelRequest$;
__webpack_unused_export__ = CreateModelResponse$;
__webpack_unused_export__ = CreatePortal$;
__webpack_unused_export__ = CreatePortalCommand;
__webpack_unused_export__ = CreatePortalProduct$;
__webpack_unused_export__ = CreatePortalProductCommand;
__webpack_unused_export__ = CreatePortalProductRequest$;
__webpack_unused_export__ = CreatePortalProductResponse$;
__webpack_unused_export__ = CreatePortalRequest$;
__webpack_unused_export__ = CreatePortalResponse$;
__webpack_unused_export__ = CreateProductPage$;
__webpack_unused_export__ = CreateProductPageCommand;
__webpack_unused_export__ = CreateProductPageRequest$;
__webpack_unused_export__ = CreateProductPageResponse$;
__webpack_unused_export__ = CreateProductRestEndpointPage$;
__webpack_unused_export__ = CreateProductRestEndpointPageCommand;
__webpack_unused_export__ = CreateProductRestEndpointPageRequest$;
__webpack_unused_export__ = CreateProductRestEndpointPageResponse$;
__webpack_unused_export__ = CreateRoute$;
__webpack_unused_export__ = CreateRouteCommand;
__webpack_unused_export__ = CreateRouteRequest$;
__webpack_unused_export__ = CreateRouteResponse$;
__webpack_unused_export__ = CreateRouteResponseCommand;
__webpack_unused_export__ = CreateRouteResponseRequest$;
__webpack_unused_export__ = CreateRouteResponseResponse$;
__webpack_unused_export__ = CreateRouteResult$;
__webpack_unused_export__ = CreateRoutingRule$;
__webpack_unused_export__ = CreateRoutingRuleCommand;
__webpack_unused_export__ = CreateRoutingRuleRequest$;
__webpack_unused_export__ = CreateRoutingRuleResponse$;
__webpack_unused_export__ = CreateStage$;
__webpack_unused_export__ = CreateStageCommand;
__webpack_unused_export__ = CreateStageRequest$;
__webpack_unused_export__ = CreateStageResponse$;
__webpack_unused_export__ = CreateVpcLink$;
__webpack_unused_export__ = CreateVpcLinkCommand;
__webpack_unused_export__ = CreateVpcLinkRequest$;
__webpack_unused_export__ = CreateVpcLinkResponse$;
__webpack_unused_export__ = CustomColors$;
__webpack_unused_export__ = DeleteAccessLogSettings$;
exports.yWo = DeleteAccessLogSettingsCommand;
__webpack_unused_export__ = DeleteAccessLogSettingsRequest$;
__webpack_unused_export__ = DeleteApi$;
__webpack_unused_export__ = DeleteApiCommand;
__webpack_unused_export__ = DeleteApiMapping$;
__webpack_unused_export__ = DeleteApiMappingCommand;
__webpack_unused_export__ = DeleteApiMappingRequest$;
__webpack_unused_export__ = DeleteApiRequest$;
__webpack_unused_export__ = DeleteAuthorizer$;
__webpack_unused_export__ = DeleteAuthorizerCommand;
__webpack_unused_export__ = DeleteAuthorizerRequest$;
__webpack_unused_export__ = DeleteCorsConfiguration$;
__webpack_unused_export__ = DeleteCorsConfigurationCommand;
__webpack_unused_export__ = DeleteCorsConfigurationRequest$;
__webpack_unused_export__ = DeleteDeployment$;
__webpack_unused_export__ = DeleteDeploymentCommand;
__webpack_unused_export__ = DeleteDeploymentRequest$;
__webpack_unused_export__ = DeleteDomainName$;
__webpack_unused_export__ = DeleteDomainNameCommand;
__webpack_unused_export__ = DeleteDomainNameRequest$;
__webpack_unused_export__ = DeleteIntegration$;
__webpack_unused_export__ = DeleteIntegrationCommand;
__webpack_unused_export__ = DeleteIntegrationRequest$;
__webpack_unused_export__ = DeleteIntegrationResponse$;
__webpack_unused_export__ = DeleteIntegrationResponseCommand;
__webpack_unused_export__ = DeleteIntegrationResponseRequest$;
__webpack_unused_export__ = DeleteModel$;
__webpack_unused_export__ = DeleteModelCommand;
__webpack_unused_export__ = DeleteModelRequest$;
__webpack_unused_export__ = DeletePortal$;
__webpack_unused_export__ = DeletePortalCommand;
__webpack_unused_export__ = DeletePortalProduct$;
__webpack_unused_export__ = DeletePortalProductCommand;
__webpack_unused_export__ = DeletePortalProductRequest$;
__webpack_unused_export__ = DeletePortalProductSharingPolicy$;
__webpack_unused_export__ = DeletePortalProductSharingPolicyCommand;
__webpack_unused_export__ = DeletePortalProductSharingPolicyRequest$;
__webpack_unused_export__ = DeletePortalRequest$;
__webpack_unused_export__ = DeleteProductPage$;
__webpack_unused_export__ = DeleteProductPageCommand;
__webpack_unused_export__ = DeleteProductPageRequest$;
__webpack_unused_export__ = DeleteProductRestEndpointPage$;
__webpack_unused_export__ = DeleteProductRestEndpointPageCommand;
__webpack_unused_export__ = DeleteProductRestEndpointPageRequest$;
__webpack_unused_export__ = DeleteRoute$;
__webpack_unused_export__ = DeleteRouteCommand;
__webpack_unused_export__ = DeleteRouteRequest$;
__webpack_unused_export__ = DeleteRouteRequestParameter$;
__webpack_unused_export__ = DeleteRouteRequestParameterCommand;
__webpack_unused_export__ = DeleteRouteRequestParameterRequest$;
__webpack_unused_export__ = DeleteRouteResponse$;
__webpack_unused_export__ = DeleteRouteResponseCommand;
__webpack_unused_export__ = DeleteRouteResponseRequest$;
__webpack_unused_export__ = DeleteRouteSettings$;
exports.DCV = DeleteRouteSettingsCommand;
__webpack_unused_export__ = DeleteRouteSettingsRequest$;
__webpack_unused_export__ = DeleteRoutingRule$;
__webpack_unused_export__ = DeleteRoutingRuleCommand;
__webpack_unused_export__ = DeleteRoutingRuleRequest$;
__webpack_unused_export__ = DeleteStage$;
__webpack_unused_export__ = DeleteStageCommand;
__webpack_unused_export__ = DeleteStageRequest$;
__webpack_unused_export__ = DeleteVpcLink$;
__webpack_unused_export__ = DeleteVpcLinkCommand;
__webpack_unused_export__ = DeleteVpcLinkRequest$;
__webpack_unused_export__ = DeleteVpcLinkResponse$;
__webpack_unused_export__ = Deployment$;
__webpack_unused_export__ = DeploymentStatus;
__webpack_unused_export__ = DisablePortal$;
__webpack_unused_export__ = DisablePortalCommand;
__webpack_unused_export__ = DisablePortalRequest$;
__webpack_unused_export__ = DisplayContent$;
__webpack_unused_export__ = DisplayContentOverrides$;
__webpack_unused_export__ = DisplayOrder$;
__webpack_unused_export__ = DomainName$;
__webpack_unused_export__ = DomainNameConfiguration$;
__webpack_unused_export__ = DomainNameStatus;
__webpack_unused_export__ = EndpointConfigurationRequest$;
__webpack_unused_export__ = EndpointConfigurationResponse$;
__webpack_unused_export__ = EndpointDisplayContent$;
__webpack_unused_export__ = EndpointDisplayContentResponse$;
__webpack_unused_export__ = EndpointType;
__webpack_unused_export__ = ExportApi$;
__webpack_unused_export__ = ExportApiCommand;
__webpack_unused_export__ = ExportApiRequest$;
__webpack_unused_export__ = ExportApiResponse$;
__webpack_unused_export__ = GetApi$;
__webpack_unused_export__ = GetApiCommand;
__webpack_unused_export__ = GetApiMapping$;
__webpack_unused_export__ = GetApiMappingCommand;
__webpack_unused_export__ = GetApiMappingRequest$;
__webpack_unused_export__ = GetApiMappingResponse$;
__webpack_unused_export__ = GetApiMappings$;
__webpack_unused_export__ = GetApiMappingsCommand;
__webpack_unused_export__ = GetApiMappingsRequest$;
__webpack_unused_export__ = GetApiMappingsResponse$;
__webpack_unused_export__ = GetApiRequest$;
__webpack_unused_export__ = GetApiResponse$;
__webpack_unused_export__ = GetApis$;
__webpack_unused_export__ = GetApisCommand;
__webpack_unused_export__ = GetApisRequest$;
__webpack_unused_export__ = GetApisResponse$;
__webpack_unused_export__ = GetAuthorizer$;
__webpack_unused_export__ = GetAuthorizerCommand;
__webpack_unused_export__ = GetAuthorizerRequest$;
__webpack_unused_export__ = GetAuthorizerResponse$;
__webpack_unused_export__ = GetAuthorizers$;
__webpack_unused_export__ = GetAuthorizersCommand;
__webpack_unused_export__ = GetAuthorizersRequest$;
__webpack_unused_export__ = GetAuthorizersResponse$;
__webpack_unused_export__ = GetDeployment$;
__webpack_unused_export__ = GetDeploymentCommand;
__webpack_unused_export__ = GetDeploymentRequest$;
__webpack_unused_export__ = GetDeploymentResponse$;
__webpack_unused_export__ = GetDeployments$;
__webpack_unused_export__ = GetDeploymentsCommand;
__webpack_unused_export__ = GetDeploymentsRequest$;
__webpack_unused_export__ = GetDeploymentsResponse$;
__webpack_unused_export__ = GetDomainName$;
__webpack_unused_export__ = GetDomainNameCommand;
__webpack_unused_export__ = GetDomainNameRequest$;
__webpack_unused_export__ = GetDomainNameResponse$;
__webpack_unused_export__ = GetDomainNames$;
__webpack_unused_export__ = GetDomainNamesCommand;
__webpack_unused_export__ = GetDomainNamesRequest$;
__webpack_unused_export__ = GetDomainNamesResponse$;
__webpack_unused_export__ = GetIntegration$;
__webpack_unused_export__ = GetIntegrationCommand;
__webpack_unused_export__ = GetIntegrationRequest$;
__webpack_unused_export__ = GetIntegrationResponse$;
__webpack_unused_export__ = GetIntegrationResponseCommand;
__webpack_unused_export__ = GetIntegrationResponseRequest$;
__webpack_unused_export__ = GetIntegrationResponseResponse$;
__webpack_unused_export__ = GetIntegrationResponses$;
__webpack_unused_export__ = GetIntegrationResponsesCommand;
__webpack_unused_export__ = GetIntegrationResponsesRequest$;
__webpack_unused_export__ = GetIntegrationResponsesResponse$;
__webpack_unused_export__ = GetIntegrationResult$;
__webpack_unused_export__ = GetIntegrations$;
__webpack_unused_export__ = GetIntegrationsCommand;
__webpack_unused_export__ = GetIntegrationsRequest$;
__webpack_unused_export__ = GetIntegrationsResponse$;
__webpack_unused_export__ = GetModel$;
__webpack_unused_export__ = GetModelCommand;
__webpack_unused_export__ = GetModelRequest$;
__webpack_unused_export__ = GetModelResponse$;
__webpack_unused_export__ = GetModelTemplate$;
__webpack_unused_export__ = GetModelTemplateCommand;
__webpack_unused_export__ = GetModelTemplateRequest$;
__webpack_unused_export__ = GetModelTemplateResponse$;
__webpack_unused_export__ = GetModels$;
__webpack_unused_export__ = GetModelsCommand;
__webpack_unused_export__ = GetModelsRequest$;
__webpack_unused_export__ = GetModelsResponse$;
__webpack_unused_export__ = GetPortal$;
__webpack_unused_export__ = GetPortalCommand;
__webpack_unused_export__ = GetPortalProduct$;
__webpack_unused_export__ = GetPortalProductCommand;
__webpack_unused_export__ = GetPortalProductRequest$;
__webpack_unused_export__ = GetPortalProductResponse$;
__webpack_unused_export__ = GetPortalProductSharingPolicy$;
__webpack_unused_export__ = GetPortalProductSharingPolicyCommand;
__webpack_unused_export__ = GetPortalProductSharingPolicyRequest$;
__webpack_unused_export__ = GetPortalProductSharingPolicyResponse$;
__webpack_unused_export__ = GetPortalRequest$;
__webpack_unused_export__ = GetPortalResponse$;
__webpack_unused_export__ = GetProductPage$;
__webpack_unused_export__ = GetProductPageCommand;
__webpack_unused_export__ = GetProductPageRequest$;
__webpack_unused_export__ = GetProductPageResponse$;
__webpack_unused_export__ = GetProductRestEndpointPage$;
__webpack_unused_export__ = GetProductRestEndpointPageCommand;
__webpack_unused_export__ = GetProductRestEndpointPageRequest$;
__webpack_unused_export__ = GetProductRestEndpointPageResponse$;
__webpack_unused_export__ = GetRoute$;
__webpack_unused_export__ = GetRouteCommand;
__webpack_unused_export__ = GetRouteRequest$;
__webpack_unused_export__ = GetRouteResponse$;
__webpack_unused_export__ = GetRouteResponseCommand;
__webpack_unused_export__ = GetRouteResponseRequest$;
__webpack_unused_export__ = GetRouteResponseResponse$;
__webpack_unused_export__ = GetRouteResponses$;
__webpack_unused_export__ = GetRouteResponsesCommand;
__webpack_unused_export__ = GetRouteResponsesRequest$;
__webpack_unused_export__ = GetRouteResponsesResponse$;
__webpack_unused_export__ = GetRouteResult$;
__webpack_unused_export__ = GetRoutes$;
__webpack_unused_export__ = GetRoutesCommand;
__webpack_unused_export__ = GetRoutesRequest$;
__webpack_unused_export__ = GetRoutesResponse$;
__webpack_unused_export__ = GetRoutingRule$;
__webpack_unused_export__ = GetRoutingRuleCommand;
__webpack_unused_export__ = GetRoutingRuleRequest$;
__webpack_unused_export__ = GetRoutingRuleResponse$;
__webpack_unused_export__ = GetStage$;
__webpack_unused_export__ = GetStageCommand;
__webpack_unused_export__ = GetStageRequest$;
__webpack_unused_export__ = GetStageResponse$;
__webpack_unused_export__ = GetStages$;
__webpack_unused_export__ = GetStagesCommand;
__webpack_unused_export__ = GetStagesRequest$;
__webpack_unused_export__ = GetStagesResponse$;
__webpack_unused_export__ = GetTags$;
__webpack_unused_export__ = GetTagsCommand;
__webpack_unused_export__ = GetTagsRequest$;
__webpack_unused_export__ = GetTagsResponse$;
__webpack_unused_export__ = GetVpcLink$;
__webpack_unused_export__ = GetVpcLinkCommand;
__webpack_unused_export__ = GetVpcLinkRequest$;
__webpack_unused_export__ = GetVpcLinkResponse$;
__webpack_unused_export__ = GetVpcLinks$;
__webpack_unused_export__ = GetVpcLinksCommand;
__webpack_unused_export__ = GetVpcLinksRequest$;
__webpack_unused_export__ = GetVpcLinksResponse$;
__webpack_unused_export__ = IdentifierParts$;
__webpack_unused_export__ = ImportApi$;
__webpack_unused_export__ = ImportApiCommand;
__webpack_unused_export__ = ImportApiRequest$;
__webpack_unused_export__ = ImportApiResponse$;
__webpack_unused_export__ = Integration$;
__webpack_unused_export__ = IntegrationResponse$;
__webpack_unused_export__ = IntegrationType;
__webpack_unused_export__ = IpAddressType;
__webpack_unused_export__ = JWTConfiguration$;
__webpack_unused_export__ = ListPortalProducts$;
__webpack_unused_export__ = ListPortalProductsCommand;
__webpack_unused_export__ = ListPortalProductsRequest$;
__webpack_unused_export__ = ListPortalProductsResponse$;
__webpack_unused_export__ = ListPortals$;
__webpack_unused_export__ = ListPortalsCommand;
__webpack_unused_export__ = ListPortalsRequest$;
__webpack_unused_export__ = ListPortalsResponse$;
__webpack_unused_export__ = ListProductPages$;
__webpack_unused_export__ = ListProductPagesCommand;
__webpack_unused_export__ = ListProductPagesRequest$;
__webpack_unused_export__ = ListProductPagesResponse$;
__webpack_unused_export__ = ListProductRestEndpointPages$;
__webpack_unused_export__ = ListProductRestEndpointPagesCommand;
__webpack_unused_export__ = ListProductRestEndpointPagesRequest$;
__webpack_unused_export__ = ListProductRestEndpointPagesResponse$;
__webpack_unused_export__ = ListRoutingRules$;
__webpack_unused_export__ = ListRoutingRulesCommand;
__webpack_unused_export__ = ListRoutingRulesRequest$;
__webpack_unused_export__ = ListRoutingRulesResponse$;
__webpack_unused_export__ = LoggingLevel;
__webpack_unused_export__ = Model$;
__webpack_unused_export__ = MutualTlsAuthentication$;
__webpack_unused_export__ = MutualTlsAuthenticationInput$;
__webpack_unused_export__ = None$;
__webpack_unused_export__ = NotFoundException;
__webpack_unused_export__ = NotFoundException$;
__webpack_unused_export__ = ParameterConstraints$;
__webpack_unused_export__ = PassthroughBehavior;
__webpack_unused_export__ = PortalContent$;
__webpack_unused_export__ = PortalProductSummary$;
__webpack_unused_export__ = PortalSummary$;
__webpack_unused_export__ = PortalTheme$;
__webpack_unused_export__ = Preview$;
__webpack_unused_export__ = PreviewPortal$;
__webpack_unused_export__ = PreviewPortalCommand;
__webpack_unused_export__ = PreviewPortalRequest$;
__webpack_unused_export__ = PreviewPortalResponse$;
__webpack_unused_export__ = PreviewStatus;
__webpack_unused_export__ = ProductPageSummaryNoBody$;
__webpack_unused_export__ = ProductRestEndpointPageSummaryNoBody$;
__webpack_unused_export__ = ProtocolType;
__webpack_unused_export__ = PublishPortal$;
__webpack_unused_export__ = PublishPortalCommand;
__webpack_unused_export__ = PublishPortalRequest$;
__webpack_unused_export__ = PublishPortalResponse$;
__webpack_unused_export__ = PublishStatus;
__webpack_unused_export__ = PutPortalProductSharingPolicy$;
__webpack_unused_export__ = PutPortalProductSharingPolicyCommand;
__webpack_unused_export__ = PutPortalProductSharingPolicyRequest$;
__webpack_unused_export__ = PutPortalProductSharingPolicyResponse$;
__webpack_unused_export__ = PutRoutingRule$;
__webpack_unused_export__ = PutRoutingRuleCommand;
__webpack_unused_export__ = PutRoutingRuleRequest$;
__webpack_unused_export__ = PutRoutingRuleResponse$;
__webpack_unused_export__ = ReimportApi$;
__webpack_unused_export__ = ReimportApiCommand;
__webpack_unused_export__ = ReimportApiRequest$;
__webpack_unused_export__ = ReimportApiResponse$;
__webpack_unused_export__ = ResetAuthorizersCache$;
__webpack_unused_export__ = ResetAuthorizersCacheCommand;
__webpack_unused_export__ = ResetAuthorizersCacheRequest$;
__webpack_unused_export__ = RestEndpointIdentifier$;
__webpack_unused_export__ = Route$;
__webpack_unused_export__ = RouteResponse$;
__webpack_unused_export__ = RouteSettings$;
__webpack_unused_export__ = RoutingMode;
__webpack_unused_export__ = RoutingRule$;
__webpack_unused_export__ = RoutingRuleAction$;
__webpack_unused_export__ = RoutingRuleActionInvokeApi$;
__webpack_unused_export__ = RoutingRuleCondition$;
__webpack_unused_export__ = RoutingRuleMatchBasePaths$;
__webpack_unused_export__ = RoutingRuleMatchHeaderValue$;
__webpack_unused_export__ = RoutingRuleMatchHeaders$;
__webpack_unused_export__ = Section$;
__webpack_unused_export__ = SecurityPolicy;
__webpack_unused_export__ = Stage$;
__webpack_unused_export__ = Status;
__webpack_unused_export__ = StatusException$;
__webpack_unused_export__ = TagResource$;
exports.eqU = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TagResourceResponse$;
__webpack_unused_export__ = TlsConfig$;
__webpack_unused_export__ = TlsConfigInput$;
__webpack_unused_export__ = TooManyRequestsException;
__webpack_unused_export__ = TooManyRequestsException$;
__webpack_unused_export__ = TryItState;
__webpack_unused_export__ = UntagResource$;
exports.RP$ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UpdateApi$;
__webpack_unused_export__ = UpdateApiCommand;
__webpack_unused_export__ = UpdateApiMapping$;
__webpack_unused_export__ = UpdateApiMappingCommand;
__webpack_unused_export__ = UpdateApiMappingRequest$;
__webpack_unused_export__ = UpdateApiMappingResponse$;
__webpack_unused_export__ = UpdateApiRequest$;
__webpack_unused_export__ = UpdateApiResponse$;
__webpack_unused_export__ = UpdateAuthorizer$;
__webpack_unused_export__ = UpdateAuthorizerCommand;
__webpack_unused_export__ = UpdateAuthorizerRequest$;
__webpack_unused_export__ = UpdateAuthorizerResponse$;
__webpack_unused_export__ = UpdateDeployment$;
__webpack_unused_export__ = UpdateDeploymentCommand;
__webpack_unused_export__ = UpdateDeploymentRequest$;
__webpack_unused_export__ = UpdateDeploymentResponse$;
__webpack_unused_export__ = UpdateDomainName$;
__webpack_unused_export__ = UpdateDomainNameCommand;
__webpack_unused_export__ = UpdateDomainNameRequest$;
__webpack_unused_export__ = UpdateDomainNameResponse$;
__webpack_unused_export__ = UpdateIntegration$;
__webpack_unused_export__ = UpdateIntegrationCommand;
__webpack_unused_export__ = UpdateIntegrationRequest$;
__webpack_unused_export__ = UpdateIntegrationResponse$;
__webpack_unused_export__ = UpdateIntegrationResponseCommand;
__webpack_unused_export__ = UpdateIntegrationResponseRequest$;
__webpack_unused_export__ = UpdateIntegrationResponseResponse$;
__webpack_unused_export__ = UpdateIntegrationResult$;
__webpack_unused_export__ = UpdateModel$;
__webpack_unused_export__ = UpdateModelCommand;
__webpack_unused_export__ = UpdateModelRequest$;
__webpack_unused_export__ = UpdateModelResponse$;
__webpack_unused_export__ = UpdatePortal$;
__webpack_unused_export__ = UpdatePortalCommand;
__webpack_unused_export__ = UpdatePortalProduct$;
__webpack_unused_export__ = UpdatePortalProductCommand;
__webpack_unused_export__ = UpdatePortalProductRequest$;
__webpack_unused_export__ = UpdatePortalProductResponse$;
__webpack_unused_export__ = UpdatePortalRequest$;
__webpack_unused_export__ = UpdatePortalResponse$;
__webpack_unused_export__ = UpdateProductPage$;
__webpack_unused_export__ = UpdateProductPageCommand;
__webpack_unused_export__ = UpdateProductPageRequest$;
__webpack_unused_export__ = UpdateProductPageResponse$;
__webpack_unused_export__ = UpdateProductRestEndpointPage$;
__webpack_unused_export__ = UpdateProductRestEndpointPageCommand;
__webpack_unused_export__ = UpdateProductRestEndpointPageRequest$;
__webpack_unused_export__ = UpdateProductRestEndpointPageResponse$;
__webpack_unused_export__ = UpdateRoute$;
__webpack_unused_export__ = UpdateRouteCommand;
__webpack_unused_export__ = UpdateRouteRequest$;
__webpack_unused_export__ = UpdateRouteResponse$;
__webpack_unused_export__ = UpdateRouteResponseCommand;
__webpack_unused_export__ = UpdateRouteResponseRequest$;
__webpack_unused_export__ = UpdateRouteResponseResponse$;
__webpack_unused_export__ = UpdateRouteResult$;
__webpack_unused_export__ = UpdateStage$;
exports.hJS = UpdateStageCommand;
__webpack_unused_export__ = UpdateStageRequest$;
__webpack_unused_export__ = UpdateStageResponse$;
__webpack_unused_export__ = UpdateVpcLink$;
__webpack_unused_export__ = UpdateVpcLinkCommand;
__webpack_unused_export__ = UpdateVpcLinkRequest$;
__webpack_unused_export__ = UpdateVpcLinkResponse$;
__webpack_unused_export__ = VpcLink$;
__webpack_unused_export__ = VpcLinkStatus;
__webpack_unused_export__ = VpcLinkVersion;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateListRoutingRules;


/***/ })

};
