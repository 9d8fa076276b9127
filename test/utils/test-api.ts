import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApi } from '../../src/app/create-api';
import { AppConfig } from '../../src/config/app-config';

export interface TestApi {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real api application (same bootstrap as src/main.ts) on an ephemeral in-process server. */
export async function startTestApi(): Promise<TestApi> {
  const app = await createApi(AppConfig.fromEnv());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
