import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { NoRoutePage } from '../common/errors/all-exceptions.filter';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { WebPages } from './render/web-pages.service';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { createViewEngine, HTMX_FILE, PUBLIC_DIR, VIEWS_DIR } from './render/view-engine';

/**
 * The Fastify side of the pages (Nest's adapter already parses urlencoded forms): cookies, compression, the Handlebars
 * views and the assets (Furrow's own CSS and script, and htmx from its npm package; no CDN).
 */
export async function mountWeb(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(cookie);
  // Pages, JSON and assets go compressed over a weak 4G link; images (WebP) are compressed already.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(view, {
    engine: { handlebars: createViewEngine() },
    root: VIEWS_DIR,
    production: config.env === 'production',
  });
  const immutable = { 'cache-control': 'public, max-age=31536000, immutable' };
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/assets/',
    // Asset URLs carry the file's hash (assetUrl), so a year is safe.
    maxAge: 365 * 86_400_000,
    immutable: true,
    decorateReply: false,
  });
  const htmx = await import('node:fs').then((fs) => fs.readFileSync(HTMX_FILE));
  app
    .getHttpAdapter()
    .getInstance()
    .get('/assets/htmx.min.js', (_request, reply) =>
      reply.headers({ ...immutable, 'content-type': 'text/javascript; charset=utf-8' }).send(htmx),
    );
}

/**
 * A browser asking for a page that does not exist gets the 404 page in its language;
 * API clients (and anything under /api/) keep the JSON answer.
 */
export function noRoutePage(app: NestFastifyApplication): NoRoutePage {
  let filter: WebExceptionFilter | undefined;
  return async (exception: unknown, host: ArgumentsHost) => {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      String(request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return false;
    filter ??= new WebExceptionFilter(app.get(WebPages, { strict: false }));
    await filter.catch(exception, host);
    return true;
  };
}
