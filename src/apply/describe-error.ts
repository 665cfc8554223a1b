/** A port call's failure as a stage outcome names it: the exception's name (AWS's code) and message. */
import { ApiGatewayV2Error } from '../aws/apigatewayv2-port.ts';
import { CloudControlError } from '../aws/cloud-control-port.ts';

export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof CloudControlError || error instanceof ApiGatewayV2Error)
    return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: error.name, message: error.message };
  return { code: 'Error', message: String(error) };
}
