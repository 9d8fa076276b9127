import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** Used by the TypeORM CLI (`npm run migration:generate`, `migration:show`, `migration:revert`). */
export default new DataSource(dataSourceOptions(AppConfig.fromEnv().databaseUrl));
