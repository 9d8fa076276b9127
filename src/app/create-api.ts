import { randomUUID } from 'node:crypto';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { clientErrorHandler, frameworkErrors } from '../common/http/framework-errors';
import { createValidationPipe } from '../common/http/validation.pipe';
import { AppConfig } from '../config/app-config';
import { mountOperations } from '../modules/operations/operations.http.module';
import { mountWeb, noRoutePage } from '../web/mount-web';
import { ApiModule } from './api.module';

/** The api application, configured exactly as `src/main.ts` runs it; e2e tests use it too. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Errors raised before routing answer in our `{ code, message }` shape too.
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: true,
    rawBody: true,
    // Throw instead of exiting, so runProcess reports a failed boot (and tests see the error).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // The id every log line of the request carries, handed back so a caller can quote it.
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.flushLogs();
  app.useGlobalFilters(new AllExceptionsFilter(noRoutePage(app)));
  app.useGlobalPipes(createValidationPipe());
  await app.register(helmet, {
    contentSecurityPolicy: {
      // Swagger UI's page needs inline styles and data: images; everything else stays 'self'.
      // No inline script anywhere: pages load only Furrow's own script files.
      directives: {
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'form-action': ["'self'"],
      },
    },
  });
  // Public reads (the catalog) are cached by clients and CDNs; If-None-Match answers 304.
  await app.register(etag, { weak: true });
  // The pages: cookies, forms, compression, views and assets.
  await mountWeb(app, config);
  // Request timings for /metrics, and the admin-only queue dashboard at /admin/queues.
  await mountOperations(app);
  app.enableCors({ origin: config.http.corsOrigins, credentials: true });
  mountApiDocs(app);
  app.enableShutdownHooks();
  return app;
}

function mountApiDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Furrow API')
      .setDescription(
        'Marketplace and training ground for smallholder farmers. Errors are `{ code, message, details? }`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    {
      standardSchemaConverter: (schema, { schemaType }) => ({
        schema: z.toJSONSchema(schema as z.ZodType, {
          io: schemaType === 'input' ? 'input' : 'output',
          target: 'openapi-3.0',
          unrepresentable: 'any',
        }) as never,
      }),
    },
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
}
