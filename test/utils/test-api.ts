import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApi } from '../../src/app/create-api';
import { AppConfig } from '../../src/config/app-config';

export interface TestApi {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  /** Listens on a local port (first call) and gives its address, for outside parties that call us. */
  url(): Promise<string>;
  close(): Promise<void>;
}

/** The real api application (same bootstrap as src/main.ts) on an ephemeral in-process server. */
export async function startTestApi(): Promise<TestApi> {
  const app = await createApi(AppConfig.fromEnv());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let url: string | undefined;
  return {
    app,
    http: () => request(app.getHttpServer()),
    url: async () => {
      if (!url) {
        await app.listen(0, '127.0.0.1');
        url = await app.getUrl();
      }
      return url;
    },
    close: () => app.close(),
  };
}
