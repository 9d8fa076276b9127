import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { CartRepository } from './cart.repository';
import { CartService } from './cart.service';
import { CheckoutLimits } from './checkout-limits.service';
import { LiveCheckoutGate } from './live-checkout-gate.service';
import { CheckoutService } from './checkout.service';
import { OrderReturns } from './order-returns.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderRefundsService } from './order-refunds.service';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { ShippingPoliciesService } from './shipping-policies.service';

/**
 * Shared with orders.http.module and orders.worker.module only: other modules move orders
 * through OrdersService (the dependency rules treat these as internal).
 */
const INTERNAL_PROVIDERS = [OrderLifecycle, OrdersRepository];

@Module({
  imports: [CatalogModule, PaymentsModule, RegionsModule, SellersModule],
  providers: [
    OrdersRepository,
    CartRepository,
    CartService,
    CheckoutService,
    OrderLifecycle,
    OrdersService,
    ShippingPoliciesService,
    OrderRefundsService,
    OrderReturns,
    CheckoutLimits,
    LiveCheckoutGate,
    RateLimiterFactory,
  ],
  exports: [
    CartService,
    CheckoutService,
    OrdersService,
    ShippingPoliciesService,
    OrderRefundsService,
    ...INTERNAL_PROVIDERS,
  ],
})
export class OrdersModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { orderNumberOf } from './order-number';
export { shippingPolicySchema } from './dto/orders.dto';
export { ORDER_STATUSES, READY_TO_SHIP, type OrderStatus } from './order-state';
export { checkoutSchema, idempotencyKeySchema } from './dto/checkout.dto';
export { BUYER_CANCELLABLE } from './order-state';
export { MAX_CART_LINES, MAX_CART_QUANTITY } from './cart.service';
export type { CartChoice, CartView } from './cart.service';
