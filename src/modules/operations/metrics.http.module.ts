import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { OperationsHttpModule } from './operations.http.module';

/** `/metrics` for Prometheus: at the site's root like /health, not under the API's /api/v1. */
@Module({ imports: [OperationsHttpModule], controllers: [MetricsController] })
export class MetricsHttpModule {}
