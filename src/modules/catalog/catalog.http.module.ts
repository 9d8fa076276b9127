import { Module } from '@nestjs/common';
import { AdminProductsController } from './admin-products.controller';
import { CatalogModule } from './catalog.module';
import { ProductsController } from './products.controller';
import { SellerProductsController } from './seller-products.controller';

@Module({
  imports: [CatalogModule],
  controllers: [ProductsController, SellerProductsController, AdminProductsController],
})
export class CatalogHttpModule {}
