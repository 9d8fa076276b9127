import { Module } from '@nestjs/common';
import { AdminSellersController } from './admin-sellers.controller';
import { SellerStoresController } from './seller-stores.controller';
import { SellersController } from './sellers.controller';
import { SellersModule } from './sellers.module';

@Module({
  imports: [SellersModule],
  controllers: [SellersController, SellerStoresController, AdminSellersController],
})
export class SellersHttpModule {}
