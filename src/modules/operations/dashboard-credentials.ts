/** Where bull-board is mounted; the dashboard cookie is scoped to this path. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The cookie that lets a browser open the dashboard (it cannot add an Authorization header). */
export const DASHBOARD_COOKIE = 'furrow_queue_dashboard';

/** One cookie's value from a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim() || null;
  }
  return null;
}

/**
 * `Set-Cookie` carrying an access token to the dashboard only: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Path=/admin/queues (no other route gets it),
 * and gone when the token expires.
 */
export function dashboardCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${DASHBOARD_COOKIE}=${token}`,
    `Path=${QUEUE_DASHBOARD_PATH}`,
    `Expires=${expiresAt.toUTCString()}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedDashboardCookie(secure: boolean): string {
  return dashboardCookie('', new Date(0), secure);
}
