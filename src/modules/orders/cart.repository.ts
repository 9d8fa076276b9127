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

  /**
   * Runs `work` with the person's cart to itself: two requests changing one cart (two
   * sign-ins merging the same guest cart, two taps on "add") go one after the other, so
   * the line cap holds.
   */
  withCartLocked<T>(userId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('cart:' || $1, 0))`, [userId]);
      return work(em);
    });
  }

  linesOf(userId: string, em: EntityManager = this.dataSource.manager): Promise<CartLine[]> {
    return em.getRepository(CartLine).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  async countOf(userId: string): Promise<number> {
    return this.dataSource.getRepository(CartLine).countBy({ userId });
  }

  /** Adds units to a line (creating it); the sum is capped at `max`. */
  async add(
    userId: string,
    variantId: string,
    quantity: number,
    max: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await em.query(
      `INSERT INTO cart_lines (user_id, variant_id, quantity) VALUES ($1, $2, LEAST($3::int, $4::int))
       ON CONFLICT (user_id, variant_id)
       DO UPDATE SET quantity = LEAST(cart_lines.quantity + EXCLUDED.quantity, $4::int), updated_at = now()`,
      [userId, variantId, quantity, max],
    );
  }

  /** A guest's line joins the account's: the larger quantity stays, so merging twice changes nothing. */
  async keep(em: EntityManager, userId: string, variantId: string, quantity: number, max: number): Promise<void> {
    await em.query(
      `INSERT INTO cart_lines (user_id, variant_id, quantity) VALUES ($1, $2, LEAST($3::int, $4::int))
       ON CONFLICT (user_id, variant_id)
       DO UPDATE SET quantity = GREATEST(cart_lines.quantity, EXCLUDED.quantity), updated_at = now()`,
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
