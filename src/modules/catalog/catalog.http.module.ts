import { Module } from '@nestjs/common';
import { uploadsModule } from '../../common/http/uploads';
import { AdminProductsController } from './admin-products.controller';
import { CatalogModule } from './catalog.module';
import { ProductImportController } from './product-import.controller';
import { ProductsController } from './products.controller';
import { SellerProductsController } from './seller-products.controller';

@Module({
  imports: [CatalogModule, uploadsModule()],
  controllers: [ProductImportController, ProductsController, SellerProductsController, AdminProductsController],
})
export class CatalogHttpModule {}
