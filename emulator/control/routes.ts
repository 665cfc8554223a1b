/**
 * The emulator's control surface over HTTP, beside Cloud Control's `POST /`: what a test that runs
 * the emulator in another process (`npm run emulator`) needs to arrange a situation by control
 * instead of by timing. Paths start with `/_emulator/`, which no AWS SDK sends:
 *
 * - `POST /_emulator/holds` with `{"match": {...}, "releaseAfter": {...}}` (holds.ts) starts a
 *   hold and answers `201` with it;
 * - `GET /_emulator/holds/ID` answers the hold (`state`, `caught` request tokens, `releasedBy`);
 * - `POST /_emulator/holds/ID/release` releases it and answers it;
 * - `POST /_emulator/complete-in-flight` finishes every running write that is not held.
 *
 * Control calls are not Cloud Control calls: they are not recorded, throttled or delayed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hold, HoldOptions } from '../requests/holds.ts';
import { readBody } from '../protocol/wire.ts';

export const CONTROL_PREFIX = '/_emulator/';

/** What the control surface acts on. */
export interface ControlTarget {
  hold(options: HoldOptions): Hold;
  holdById(id: string): Hold | undefined;
  completeInFlight(): void;
}

/** A hold as the control surface shows it. */
export function holdJson(hold: Hold): Record<string, unknown> {
  return {
    id: hold.id,
    state: hold.state,
    match: hold.match,
    ...(hold.releaseAfter ? { releaseAfter: hold.releaseAfter } : {}),
    caught: hold.caught,
    ...(hold.releasedBy ? { releasedBy: hold.releasedBy } : {}),
  };
}

export function isControlRequest(request: IncomingMessage): boolean {
  return (request.url ?? '').startsWith(CONTROL_PREFIX);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function holdOptions(text: string): HoldOptions {
  const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('the body must be a JSON object');
  const { match, releaseAfter } = parsed as Record<string, unknown>;
  const object = (value: unknown, name: string) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error(`${name} must be an object`);
    return value;
  };
  const m = object(match, 'match');
  const r = object(releaseAfter, 'releaseAfter');
  return { ...(m ? { match: m } : {}), ...(r ? { releaseAfter: r } : {}) } as HoldOptions;
}

/** Answers one control request. */
export async function handleControl(
  request: IncomingMessage,
  response: ServerResponse,
  target: ControlTarget,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0] ?? '';
  const rest = path.slice(CONTROL_PREFIX.length).split('/');
  try {
    const text = await readBody(request);
    if (request.method === 'POST' && path === `${CONTROL_PREFIX}holds`) {
      send(response, 201, holdJson(target.hold(holdOptions(text))));
      return;
    }
    if (request.method === 'POST' && path === `${CONTROL_PREFIX}complete-in-flight`) {
      target.completeInFlight();
      send(response, 200, {});
      return;
    }
    if (rest[0] === 'holds' && rest[1]) {
      const hold = target.holdById(rest[1]);
      if (!hold) {
        send(response, 404, { message: `no hold ${rest[1]}` });
        return;
      }
      if (request.method === 'GET' && rest.length === 2) {
        send(response, 200, holdJson(hold));
        return;
      }
      if (request.method === 'POST' && rest[2] === 'release' && rest.length === 3) {
        hold.release();
        send(response, 200, holdJson(hold));
        return;
      }
    }
    send(response, 404, { message: `no control route ${request.method} ${path}` });
  } catch (error) {
    send(response, 400, { message: error instanceof Error ? error.message : String(error) });
  }
}
