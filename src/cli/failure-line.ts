/**
 * A failed run, in one line a person can act on: what failed, and what to set. AWS and network
 * errors reach the CLI as CloudControlError (src/aws/cloud-control-client.ts names transport
 * failures `NetworkError` and keeps AWS's exception name otherwise); the SDK's own wording for the
 * missing-region and missing-credentials cases is matched by its message, as those are raised by
 * the SDK before any request is sent.
 */
import { CloudControlError } from '../aws/cloud-control-port.ts';

export interface FailureContext {
  /** The Cloud Control endpoint in use, when one was given (flag or environment). */
  readonly endpoint?: string;
  /** The stack trace follows (`--debug`), so the line need not point at it. */
  readonly debug?: boolean;
}

interface Remedy {
  readonly matches: (error: CloudControlError) => boolean;
  readonly line: (error: CloudControlError, context: FailureContext) => string;
}

const CREDENTIALS_HINT =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); any values work against the emulator';

const messageHas = (pattern: RegExp) => (error: CloudControlError) => pattern.test(error.message);

/** Raised by the SDK on this machine (no AWS answer), which cloud-control-client.ts names NetworkError. */
const sdkSays = (pattern: RegExp) => (error: CloudControlError) =>
  error.code === 'NetworkError' && pattern.test(error.message);

/** `GetResource abc1234|prod` from `GetResource abc1234|prod: Region is missing`. */
function operationOf(error: CloudControlError): string {
  const colon = error.message.indexOf(': ');
  return colon > 0 ? error.message.slice(0, colon) : 'the Cloud Control call';
}

function detailOf(error: CloudControlError): string {
  const colon = error.message.indexOf(': ');
  return (colon > 0 ? error.message.slice(colon + 2) : error.message).split('\n')[0] ?? '';
}

const REMEDIES: readonly Remedy[] = [
  {
    matches: sdkSays(/Region is missing/i),
    line: (e) => `${operationOf(e)} failed: no AWS region is set; set AWS_REGION or pass --region`,
  },
  {
    matches: sdkSays(/Could not load credentials|credential/i),
    line: (e) => `${operationOf(e)} failed: no AWS credentials were found; ${CREDENTIALS_HINT}`,
  },
  {
    matches: messageHas(/ECONNREFUSED/),
    line: (e, context) =>
      `${operationOf(e)} failed: nothing is listening at ${context.endpoint ?? /ECONNREFUSED (\S+)/.exec(e.message)?.[1] ?? 'the endpoint'}; ` +
      'start the emulator (npm run emulator) or fix --endpoint / AWS_ENDPOINT_URL_CLOUDCONTROL',
  },
  {
    matches: messageHas(/ENOTFOUND|EAI_AGAIN/),
    line: (e) =>
      `${operationOf(e)} failed: cannot resolve ${/(?:ENOTFOUND|EAI_AGAIN) (\S+)/.exec(e.message)?.[1] ?? 'the endpoint'}; ` +
      'check the network and AWS_REGION, or set AWS_ENDPOINT_URL_CLOUDCONTROL (or --endpoint) for the emulator',
  },
  {
    matches: (e) =>
      [
        'UnrecognizedClientException',
        'InvalidClientTokenId',
        'InvalidSignatureException',
        'ExpiredTokenException',
        'ExpiredToken',
      ].includes(e.code),
    line: (e) =>
      `${operationOf(e)} failed: AWS rejected the credentials (${e.code}: ${detailOf(e)}); refresh them or ${CREDENTIALS_HINT}`,
  },
  {
    matches: (e) => e.code === 'AccessDeniedException',
    line: (e) =>
      `${operationOf(e)} failed: access denied (${detailOf(e)}); the role needs the Cloud Control actions in the README's IAM policy`,
  },
  {
    matches: (e) => e.code === 'NetworkError',
    line: (e, context) =>
      `${operationOf(e)} failed: ${detailOf(e)}; check the network` +
      (context.endpoint ? ` and the endpoint ${context.endpoint}` : ' and AWS_REGION'),
  },
];

/** The one line for a failure, without the `stage-sync: ` prefix. */
export function failureLine(error: unknown, context: FailureContext = {}): string {
  if (error instanceof CloudControlError) {
    const remedy = REMEDIES.find((candidate) => candidate.matches(error));
    return remedy
      ? remedy.line(error, context)
      : `${operationOf(error)} failed: ${error.code}: ${detailOf(error)}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  return context.debug ? first : `${first} (run again with --debug for the stack trace)`;
}
