import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor, IS_PUBLIC, REQUIRED_ROLES } from '../../common/auth/auth.decorators';
import { bearerToken } from '../../common/auth/bearer-token';
import { CommonErrors } from '../../common/errors/domain-error';
import type { Role } from '../../common/auth/roles';
import { AuthService } from './auth.service';

/**
 * Global guard of the api: every route needs a live access token unless marked
 * `@Public()`, and the roles named by `@Roles()`. Roles are read from the database on
 * each request, so a revoked role or an ended login takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const token = bearerToken(request.headers.authorization);
    const found = token ? await this.auth.authenticate(token) : null;
    if (!found) throw CommonErrors.unauthenticated();
    request.actor = { id: found.user.id, roles: found.user.roles, sessionId: found.sessionId };
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => found.user.roles.includes(r))) throw CommonErrors.forbidden();
    return true;
  }
}
