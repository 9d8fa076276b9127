import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { CheckoutLimits } from './checkout-limits.service';
import { CheckoutService } from './checkout.service';
import { OrderReturns } from './order-returns.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderRefundsService } from './order-refunds.service';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { ShippingPoliciesService } from './shipping-policies.service';

@Module({
  imports: [CatalogModule, PaymentsModule, RegionsModule, SellersModule],
  providers: [
    OrdersRepository,
    CheckoutService,
    OrderLifecycle,
    OrdersService,
    ShippingPoliciesService,
    OrderRefundsService,
    OrderReturns,
    CheckoutLimits,
    RateLimiterFactory,
  ],
  exports: [
    CheckoutService,
    OrdersService,
    ShippingPoliciesService,
    OrderLifecycle,
    OrdersRepository,
    OrderRefundsService,
  ],
})
export class OrdersModule {}
