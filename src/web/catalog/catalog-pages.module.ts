import { Module } from '@nestjs/common';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { WebCoreModule } from '../web-core.module';
import { HomeController } from './home.controller';

export const CATALOG_CONTROLLERS = [HomeController];

/** What buyers browse: home, search with filters, product pages, stores. */
@Module({ imports: [WebCoreModule, CatalogModule], controllers: CATALOG_CONTROLLERS })
export class CatalogPagesModule {}
