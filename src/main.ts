import 'reflect-metadata';
import { createApi } from './app/create-api';
import { runProcess } from './app/run-process';
import { AppConfig } from './config/app-config';

/** The api process: HTTP only. */
runProcess('api', async () => {
  const config = AppConfig.fromEnv();
  const app = await createApi(config);
  await app.listen({ port: config.port, host: config.host });
  return app;
});
