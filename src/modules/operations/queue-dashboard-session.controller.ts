import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Roles } from '../../common/auth/auth.decorators';
import { CommonErrors } from '../../common/errors/domain-error';
import { ApiResult } from '../../common/http/openapi';
import { AppConfig } from '../../config/app-config';
import { bearerToken } from '../../common/auth/bearer-token';
import { AuthService } from '../auth/auth.service';
import { clearedDashboardCookie, dashboardCookie, QUEUE_DASHBOARD_PATH } from './dashboard-credentials';

const dashboardSessionSchema = z.object({
  path: z.literal(QUEUE_DASHBOARD_PATH).describe('Open this page next; the cookie is sent to it only'),
  expiresAt: z.string().describe('ISO 8601: when the access token, and with it the cookie, expires'),
});

/**
 * A browser cannot add an Authorization header when it opens a page, so an admin's web client
 * posts here (with the header) and then opens /admin/queues: the cookie carries the same access
 * token, and the dashboard checks it on every request as the api does.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queues/session')
export class QueueDashboardSessionController {
  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiResult(200, dashboardSessionSchema, [401, 403])
  open(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // The AccessGuard has verified this very token before the handler runs.
    const token = bearerToken(request.headers.authorization);
    if (!token) throw CommonErrors.unauthenticated();
    const expiresAt = this.auth.accessTokenExpiry(token);
    reply.header('set-cookie', dashboardCookie(token, expiresAt, this.secureCookies));
    return { path: QUEUE_DASHBOARD_PATH, expiresAt: expiresAt.toISOString() };
  }

  @Delete()
  @HttpCode(204)
  @ApiResult(204, null, [401, 403])
  close(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('set-cookie', clearedDashboardCookie(this.secureCookies));
  }

  /** Production is served over HTTPS; plain-HTTP development on localhost keeps working without. */
  private get secureCookies(): boolean {
    return this.config.env === 'production';
  }
}
