import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection of every form: the signed double-submit cookie (OWASP). The browser
 * holds a random secret in an HttpOnly, SameSite cookie; each form (and each htmx request,
 * by a header) carries HMAC(key, secret). A page on another site can make the browser
 * send the cookie, but cannot read it or the page, so it cannot write the token.
 *
 * The token is also bound to the session cookie (whatever the browser holds, even none):
 * someone who plants a CSRF cookie of their own cannot compute a victim's token without
 * the victim's HttpOnly session cookie, and signing in or out changes the token.
 *
 * The token is the same for every page a visitor sees, unlike libraries that salt each
 * token afresh: a page's body stays the same between visits, so its ETag answers 304.
 */
export const CSRF_COOKIE = 'furrow_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SECRET_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function isCsrfSecret(value: unknown): value is string {
  return typeof value === 'string' && SECRET_PATTERN.test(value);
}

export function newCsrfSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function csrfToken(key: Buffer, secret: string, session: string): string {
  return createHmac('sha256', key).update(`${secret}\n${session}`).digest('base64url');
}

export function csrfTokenMatches(key: Buffer, secret: unknown, session: string, presented: unknown): boolean {
  if (!isCsrfSecret(secret) || typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfToken(key, secret, session));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The key the tokens are signed with, derived from the app's signing secret. */
export function csrfKeyFrom(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('furrow:web:csrf').digest();
}
