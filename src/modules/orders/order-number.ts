import type { Order } from './entities/order.entity';

/** The short number people quote for an order (in messages, on the phone): the id's first 8 hex digits. */
export const orderNumberOf = (order: Pick<Order, 'id'>): string => order.id.slice(0, 8).toUpperCase();
