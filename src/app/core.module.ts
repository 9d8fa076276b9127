import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { QueueModule } from '../queue/queue.module';

/** What both processes load: configuration, the database and the queues (with the outbox writer). */
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule],
})
export class CoreModule {}
