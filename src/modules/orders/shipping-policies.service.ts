import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { SellerAccess } from '../sellers/seller-access.service';
import { ShippingPolicyDto } from './dto/orders.dto';
import { ShippingPolicy } from './entities/shipping-policy.entity';
import { OrdersRepository } from './orders.repository';

/** A store's shipping fees, set by its members. */
@Injectable()
export class ShippingPoliciesService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly access: SellerAccess,
  ) {}

  async get(actor: Actor, sellerId: string): Promise<ShippingPolicy> {
    await this.access.manage(actor, sellerId);
    const policy = await this.orders.findShippingPolicy(sellerId);
    if (!policy)
      throw new DomainError('not_found', 'SHIPPING_NOT_CONFIGURED', 'The store has not set its shipping fees');
    return policy;
  }

  async set(actor: Actor, sellerId: string, input: ShippingPolicyDto): Promise<ShippingPolicy> {
    await this.access.manage(actor, sellerId);
    return this.orders.saveShippingPolicy({
      sellerId,
      baseFeeFen: input.baseFeeFen,
      perKgFen: input.perKgFen,
      freeAboveFen: input.freeAboveFen,
      coldChain: input.coldChain,
      coldChainSurchargeFen: input.coldChainSurchargeFen,
    });
  }
}
