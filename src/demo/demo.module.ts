import { Module } from '@nestjs/common';
import { CoreModule } from '../app/core.module';
import { AuthModule } from '../modules/auth/auth.module';
import { CatalogModule } from '../modules/catalog/catalog.module';
import { LivestreamsModule } from '../modules/livestreams/livestreams.module';
import { MediaModule } from '../modules/media/media.module';
import { OrdersModule } from '../modules/orders/orders.module';
import { SellersModule } from '../modules/sellers/sellers.module';
import { TrainingModule } from '../modules/training/training.module';
import { UsersModule } from '../modules/users/users.module';
import { DemoSeeder } from './demo-seeder.service';

@Module({
  imports: [
    CoreModule,
    UsersModule,
    AuthModule,
    SellersModule,
    CatalogModule,
    OrdersModule,
    MediaModule,
    TrainingModule,
    LivestreamsModule,
  ],
  providers: [DemoSeeder],
})
export class DemoModule {}
