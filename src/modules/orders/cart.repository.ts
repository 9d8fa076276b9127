import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CartLine } from './entities/cart-line.entity';

/** The cart_lines queries. A line's quantity never passes MAX_CART_QUANTITY. */
@Injectable()
export class CartRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** For reads through other modules' services that take an EntityManager (no transaction). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  linesOf(userId: string): Promise<CartLine[]> {
    return this.dataSource.getRepository(CartLine).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  async countOf(userId: string): Promise<number> {
    return this.dataSource.getRepository(CartLine).countBy({ userId });
  }

  /** Adds units to a line (creating it); the sum is capped at `max`. */
  async add(userId: string, variantId: string, quantity: number, max: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cart_lines (user_id, variant_id, quantity) VALUES ($1, $2, LEAST($3::int, $4::int))
       ON CONFLICT (user_id, variant_id)
       DO UPDATE SET quantity = LEAST(cart_lines.quantity + EXCLUDED.quantity, $4::int), updated_at = now()`,
      [userId, variantId, quantity, max],
    );
  }

  async setQuantity(userId: string, variantId: string, quantity: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cart_lines (user_id, variant_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
      [userId, variantId, quantity],
    );
  }

  async remove(userId: string, variantIds: string[]): Promise<void> {
    if (variantIds.length === 0) return;
    await this.dataSource.query(`DELETE FROM cart_lines WHERE user_id = $1 AND variant_id = ANY($2::uuid[])`, [
      userId,
      variantIds,
    ]);
  }
}
