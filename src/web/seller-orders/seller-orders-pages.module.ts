import { Module, type Type } from '@nestjs/common';
import { WebCoreModule } from '../web-core.module';

export const SELLER_ORDERS_CONTROLLERS: Type[] = [];

/** A farmer's sales: orders to ship, cash collected, shipping policy, money owed and payouts, staff. */
@Module({ imports: [WebCoreModule], controllers: SELLER_ORDERS_CONTROLLERS })
export class SellerOrdersPagesModule {}
