import type { CartView } from '../../modules/orders/orders.module';

/** Each line with the locale key of its problem, for the template. */
export function withProblemKeys(cart: CartView) {
  return {
    ...cart,
    stores: cart.stores.map((store) => ({
      ...store,
      lines: store.lines.map((line) => ({
        ...line,
        problemKey: line.problem ? `shopping:cart.problem.${line.problem}` : null,
      })),
    })),
  };
}
