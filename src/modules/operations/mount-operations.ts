import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsService } from './metrics.service';
import { QueueDashboard } from './queue-dashboard';

/**
 * Fastify-level parts of operations, called by createApi before routes are bound: a request
 * timer on the root instance (so it covers every route, bull-board's too) and the dashboard.
 */
export async function mountOperations(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => metrics.observeRequest(request, reply));
  await app.get(QueueDashboard).mount(fastify);
}
