import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { STATUS_BY_KIND } from '../../common/errors/http-status';
import { ALL_QUEUES } from './all-queues.provider';
import { QUEUE_DASHBOARD_PATH } from './dashboard-credentials';
import { QueueDashboardAccess } from './queue-dashboard-access.service';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/**
 * bull-board on the api's Fastify instance at /admin/queues, for admins only. Its routes are
 * plain Fastify routes (Nest's guards and filter do not see them), so an onRequest hook of the
 * enclosing plugin checks every one of them, the static files included, before bull-board runs.
 * Not read-only: an operator retries failed jobs (kept with removeOnFail: false) from here.
 */
@Injectable()
export class QueueDashboard {
  constructor(
    @Inject(ALL_QUEUES) private readonly queues: Queue[],
    private readonly access: QueueDashboardAccess,
  ) {}

  async mount(fastify: FastifyInstance): Promise<void> {
    const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true })),
      // @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api 9.10.1, whose private
      // fields make the 9.10.2 types nominally different; at run time it only passes them along.
      serverAdapter: serverAdapter as unknown as BoardServerAdapter,
      options: { uiConfig: { boardTitle: 'Furrow queues' } },
    });
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const refusal = await this.access.refusal(request);
        if (!refusal) return;
        return reply
          .status(STATUS_BY_KIND[refusal.kind])
          .header('cache-control', 'no-store')
          .send({ code: refusal.code, message: refusal.message });
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    });
  }
}
