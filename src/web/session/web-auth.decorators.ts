import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../common/auth/roles';
import type { WebRequest, WebState, WebUser } from './web-request';

export const WEB_ACCESS = 'furrow:web-access';
export type WebAccess = { signedIn: true; roles: Role[] };

/** The page needs a signed-in person (with one of these roles, when given); else the login page. */
export const SignedIn = (...roles: Role[]) => SetMetadata(WEB_ACCESS, { signedIn: true, roles } satisfies WebAccess);

/** The request's web state: user, locale, CSRF token. */
export const Web = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): WebState => ctx.switchToHttp().getRequest<WebRequest>().web,
);

/** The signed-in person (on a `@SignedIn()` page, never null). */
export const WebActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): WebUser => ctx.switchToHttp().getRequest<WebRequest>().web.user as WebUser,
);
