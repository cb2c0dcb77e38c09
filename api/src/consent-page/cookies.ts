// Cookie parsing and serialising for the resident page. Every cookie is Path=/ and
// SameSite (Strict unless a cross-site top-level return has to carry it); Secure is left
// off only for a plain-http localhost public URL, where browsers would drop a Secure cookie.

export const SESSION_COOKIE = 'lupa_session';
export const LANGUAGE_COOKIE = 'lupa_lang';
/** A random value that binds CSRF tokens of forms shown before sign-in. */
export const PRE_SESSION_COOKIE = 'lupa_pre';
export const OIDC_COOKIE = 'lupa_oidc';

export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    // The first occurrence wins, as browsers send the most specific path first.
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax';
  secure: boolean;
  path?: string;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/'}`,
    ...(options.maxAgeSeconds !== undefined ? [`Max-Age=${options.maxAgeSeconds}`] : []),
    ...(options.httpOnly === false ? [] : ['HttpOnly']),
    `SameSite=${options.sameSite ?? 'Strict'}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Secure everywhere except a plain-http localhost, which browsers treat as a secure context anyway. */
export function cookiesNeedSecure(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}
