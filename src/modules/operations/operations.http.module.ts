import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { allQueuesProvider } from './all-queues.provider';
import { JobDurationReader } from './job-duration.reader';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';
import { OperationsRepository } from './operations.repository';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardAccess } from './queue-dashboard-access.service';
import { QueueDashboardSessionController } from './queue-dashboard-session.controller';

/**
 * Operations, api only: the admin queue dashboard (/admin/queues) and what Prometheus
 * metrics need (served at /metrics by MetricsHttpModule, outside the API's prefix).
 * createApi mounts the dashboard and request timings on the Fastify instance through mountOperations.
 */
@Module({
  imports: [AuthModule],
  controllers: [QueueDashboardSessionController],
  providers: [
    allQueuesProvider,
    OperationsRepository,
    JobDurationReader,
    MetricsService,
    MetricsTokenGuard,
    QueueDashboardAccess,
    QueueDashboard,
  ],
  exports: [MetricsService, MetricsTokenGuard],
})
export class OperationsHttpModule {}

// createApi mounts the Fastify-level parts; src/app/ imports only module files.
export { mountOperations } from './mount-operations';
