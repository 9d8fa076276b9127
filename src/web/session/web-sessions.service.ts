import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../../modules/auth/auth.service';
import { cookieOptions } from './web-cookies';
import { SESSION_COOKIE, type WebRequest } from './web-request';

/** Browser logins: the HttpOnly session cookie, set once a person proved who they are. */
@Injectable()
export class WebSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Any proof will do (password, phone code, a new registration); the caller checked it. */
  async signIn(reply: FastifyReply, userId: string): Promise<void> {
    const session = await this.auth.startWebSession(userId);
    const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(this.config, maxAge));
  }

  async signOut(request: WebRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token && token.length <= 100) await this.auth.endWebSession(token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(this.config));
  }
}
