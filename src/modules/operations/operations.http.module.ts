import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { allQueuesProvider } from './all-queues.provider';
import { JobDurationReader } from './job-duration.reader';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';
import { OperationsRepository } from './operations.repository';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardAccess } from './queue-dashboard-access.service';

/**
 * Operations, api only, at the site's root: the admin queue dashboard (/admin/queues) and
 * Prometheus metrics (/metrics). createApi mounts the dashboard and request timings on the
 * Fastify instance through mountOperations. The dashboard's cookie session is an API route
 * (QueueDashboardSessionHttpModule, under /api/v1).
 */
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [
    allQueuesProvider,
    OperationsRepository,
    JobDurationReader,
    MetricsService,
    MetricsTokenGuard,
    QueueDashboardAccess,
    QueueDashboard,
  ],
})
export class OperationsHttpModule {}

// createApi mounts the Fastify-level parts; src/app/ imports only module files.
export { mountOperations } from './mount-operations';
