import { Module, type Type } from '@nestjs/common';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { MediaModule } from '../../modules/media/media.module';
import { PaymentsModule } from '../../modules/payments/payments.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';
import { AdminHomeController } from './admin-home.controller';
import { AdminProductsController } from './admin-products.controller';
import { AdminStoresController } from './admin-stores.controller';
import { AdminUsersController } from './admin-users.controller';
import { FinanceController } from './finance.controller';

// The pages' paths never repeat an API controller's (admin/products, admin/users, finance/refunds…):
// a page's path is left out of the `/api/v1` prefix by path, which would move the API route too.
export const OPERATORS_CONTROLLERS: Type[] = [
  AdminHomeController,
  AdminStoresController,
  AdminProductsController,
  AdminUsersController,
  FinanceController,
];

/** Finance and operators: review queues, household flags, users and roles, transfers, refunds, payouts, trial balance. */
@Module({
  imports: [WebCoreModule, SellersModule, CatalogModule, UsersModule, PaymentsModule, MediaModule, RegionsModule],
  controllers: OPERATORS_CONTROLLERS,
})
export class OperatorsPagesModule {}
