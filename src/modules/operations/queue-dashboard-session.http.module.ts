import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueDashboardSessionController } from './queue-dashboard-session.controller';

/** `POST /api/v1/admin/queues/session`: the queue dashboard's HttpOnly cookie for an admin. */
@Module({ imports: [AuthModule], controllers: [QueueDashboardSessionController] })
export class QueueDashboardSessionHttpModule {}
