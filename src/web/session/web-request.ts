import type { FastifyRequest } from 'fastify';
import type { Role } from '../../common/auth/roles';
import type { WebLocale } from '../i18n/locales';

/** The signed-in person as the pages see them. */
export interface WebUser {
  id: string;
  displayName: string | null;
  roles: Role[];
  locale: WebLocale | null;
}

/** What the web guard learned about the request, for handlers and templates. */
export interface WebState {
  user: WebUser | null;
  locale: WebLocale;
  csrfToken: string;
}

export type WebRequest = FastifyRequest & { web: WebState };

export const SESSION_COOKIE = 'furrow_session';
