import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        dataSourceOptions(config.databaseUrl, config.database.poolSize, {
          acquireTimeoutMs: config.database.acquireTimeoutMs,
          statementTimeoutMs: config.database.statementTimeoutMs,
          lockTimeoutMs: config.database.lockTimeoutMs,
        }),
    }),
  ],
})
export class DatabaseModule {}
