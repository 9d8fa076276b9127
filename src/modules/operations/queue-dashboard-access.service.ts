import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommonErrors, DomainError } from '../../common/errors/domain-error';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../../common/auth/roles';
import { bearerToken } from '../../common/auth/bearer-token';
import { cookieValue, DASHBOARD_COOKIE } from './dashboard-credentials';

const DASHBOARD_ROLES: readonly Role[] = ['admin'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who may use the queue dashboard (bull-board routes, outside Nest's guards): an admin, by an
 * access token from the Authorization header or, for a browser, from the dashboard cookie. The
 * token goes through AuthService.authenticate like the AccessGuard's: a live login, and roles
 * read from the database on every request, so a revoked role or an ended login counts at once.
 */
@Injectable()
export class QueueDashboardAccess {
  constructor(private readonly auth: AuthService) {}

  /** Null when the request may go on; otherwise the error to answer with. */
  async refusal(request: FastifyRequest): Promise<DomainError | null> {
    const fromHeader = bearerToken(request.headers.authorization);
    const token = fromHeader ?? cookieValue(request.headers.cookie, DASHBOARD_COOKIE);
    const found = token ? await this.auth.authenticate(token) : null;
    if (!found) return CommonErrors.unauthenticated();
    if (!DASHBOARD_ROLES.some((role) => found.user.roles.includes(role))) return CommonErrors.forbidden();
    // SameSite=Strict keeps other sites' pages from sending the cookie, but a sibling subdomain
    // is the same site: a change made with the cookie must come from the dashboard's own origin.
    if (!fromHeader && !SAFE_METHODS.has(request.method) && !fromSameOrigin(request)) {
      return CommonErrors.forbidden();
    }
    return null;
  }
}

/** Browsers send Sec-Fetch-Site on every request; a client without it is not a browser page. */
function fromSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}
