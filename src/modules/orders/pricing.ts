import { basisPointsOf, Fen } from '../../common/money';
import type { PriceTier } from '../catalog/entities/product-variant.entity';
import type { ShippingPolicy } from './entities/shipping-policy.entity';

/** The unit price for a quantity: the highest tier reached, else the variant's price. */
export function unitPriceFor(basePriceFen: Fen, tiers: PriceTier[], quantity: number): Fen {
  const reached = tiers.filter((t) => quantity >= t.minQuantity);
  return reached.length > 0 ? reached[reached.length - 1].priceFen : basePriceFen;
}

/**
 * A store's shipping fee for one order: the base fee covers the first kilogram, each
 * started kilogram beyond costs `perKgFen`; free above `freeAboveFen` of goods; a cold-chain
 * surcharge when chilled or frozen goods are in it (never waived).
 */
export function shippingFeeFor(
  policy: ShippingPolicy,
  goodsFen: Fen,
  weightGrams: number,
  needsColdChain: boolean,
): Fen {
  const extraKg = Math.ceil(Math.max(0, weightGrams - 1000) / 1000);
  const freeAbove = policy.freeAboveFen;
  const carriage = freeAbove !== null && goodsFen >= freeAbove ? 0 : policy.baseFeeFen + extraKg * policy.perKgFen;
  return carriage + (needsColdChain ? policy.coldChainSurchargeFen : 0);
}

export function commissionFor(goodsFen: Fen, rateBps: number): Fen {
  return basisPointsOf(goodsFen, rateBps);
}
