/**
 * A forwarding proxy in front of the emulator that breaks chosen requests on purpose, for the
 * faults the emulator's API Gateway V2 endpoint cannot inject itself (its `injectedErrors` are
 * the service's 4xx exceptions only, and its transport faults apply to Cloud Control calls): a
 * 5xx answer, or a request held open that never answers until the proxy closes. A hang is a
 * hang by construction, so a test of a timeout never races the clock.
 */
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault =
  | { readonly kind: 'hang' }
  | {
      readonly kind: 'error';
      readonly status: number;
      /** Sent as `x-amzn-ErrorType`, where restJson1 clients read the exception name. */
      readonly errorType: string;
      readonly message: string;
    };

export interface ProxyRule {
  readonly method: string;
  /** Matches the request path (before the query). */
  readonly path: RegExp;
  readonly fault: ProxyFault;
  /** Only the first N matching requests; every one when absent. */
  readonly times?: number;
}

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** `forwarded`, or the fault it met. */
  readonly fate: 'forwarded' | 'hang' | 'error';
}

export interface FaultProxy {
  readonly url: string;
  /** Live: push rules at any time. */
  readonly rules: ProxyRule[];
  readonly requests: readonly ProxiedRequest[];
  /** Forgets the requests seen and the rules (with how often each fired). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const rules: ProxyRule[] = [];
  const fired = new Map<ProxyRule, number>();
  const requests: ProxiedRequest[] = [];
  const upstream = new URL(target);

  const faultFor = (request: IncomingMessage): ProxyFault | undefined => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const rule = rules.find(
      (candidate) =>
        candidate.method === request.method &&
        candidate.path.test(path) &&
        (candidate.times === undefined || (fired.get(candidate) ?? 0) < candidate.times),
    );
    if (!rule) return undefined;
    fired.set(rule, (fired.get(rule) ?? 0) + 1);
    return rule.fault;
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const fault = faultFor(request);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: request.method ?? 'GET', path, fate: fault?.kind ?? 'forwarded' });
    if (fault?.kind === 'hang') {
      // Read the body and never answer: the client's timeout, or close(), ends it.
      request.resume();
      return;
    }
    if (fault?.kind === 'error') {
      request.resume();
      const body = JSON.stringify({ message: fault.message });
      response.writeHead(fault.status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'x-amzn-ErrorType': fault.errorType,
      });
      response.end(body);
      return;
    }
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => response.destroy());
    request.pipe(outgoing);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rules,
    requests,
    reset: () => {
      rules.length = 0;
      requests.length = 0;
      fired.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
