import { randomUUID } from 'node:crypto';

/** A caller's X-Request-Id is kept when it is a plain token, so traces join up across hops. */
export function requestIdFrom(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && /^[A-Za-z0-9._-]{8,128}$/.test(given) ? given : randomUUID();
}
