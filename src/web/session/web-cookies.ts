import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AppConfig } from '../../config/app-config';

/** Every cookie the pages set: HttpOnly, SameSite=Lax, whole site, Secure in production. */
export function cookieOptions(config: AppConfig, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.env === 'production',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
