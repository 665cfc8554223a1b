/**
 * Spec files of HTTP and WebSocket API stages, shared by the loader's tests and the editor
 * schema's: an HTTP API's `$default` stage with auto-deploy and throttling, and a WebSocket stage
 * with per-route settings (route keys `$connect` and `sendmessage`), stage variables and tags.
 */
export const HTTP_DEFAULT_STAGE = [
  'stages:',
  '  HttpDefault:',
  '    type: AWS::ApiGatewayV2::Stage',
  '    api: orders-http',
  '    StageName: $default',
  '    AutoDeploy: true',
  '    DefaultRouteSettings:',
  '      ThrottlingBurstLimit: 200',
  '      ThrottlingRateLimit: 100',
  '      DetailedMetricsEnabled: true',
].join('\n');

export const WEBSOCKET_STAGE = [
  'defaults:',
  '  type: AWS::ApiGatewayV2::Stage',
  '  ApiId: ws0123abcd',
  'stages:',
  '  ChatProd:',
  '    StageName: prod',
  '    DeploymentId: dep042',
  '    RouteSettings:',
  '      $connect:',
  '        ThrottlingBurstLimit: 10',
  '        ThrottlingRateLimit: 5',
  '      sendmessage:',
  '        LoggingLevel: INFO',
  '        DataTraceEnabled: false',
  '    StageVariables:',
  '      backend: chat-prod',
  '    Tags:',
  '      team: chat',
  '      cost-centre: "42"',
].join('\n');
