import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorators';
import { withTimeout } from '../../common/with-timeout';
import { QueueName } from '../../queue/queue-names';

const TIMEOUT_MS = 3_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.events) private readonly events: Queue,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Readiness: PostgreSQL and the queue backend answer, and every migration is applied. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: TIMEOUT_MS }),
      () => this.check('queue', () => this.events.getJobCounts('waiting').then(() => ({}))),
      () =>
        this.check('migrations', async () => {
          if (await this.dataSource.showMigrations()) throw new Error('migrations are pending');
          return {};
        }),
    ]);
  }

  private async check(key: string, probe: () => Promise<Record<string, unknown>>) {
    const indicator = this.indicator.check(key);
    try {
      const details = await withTimeout(probe(), TIMEOUT_MS, 'timed out');
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
