import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { CheckoutService } from './checkout.service';
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
  ],
  // The lifecycle and the repository stay inside: other modules move orders through OrdersService.
  exports: [CheckoutService, OrdersService, ShippingPoliciesService, OrderRefundsService],
})
export class OrdersModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { orderNumberOf } from './order-number';
export { shippingPolicySchema } from './dto/orders.dto';
