import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StripeEvent } from './stripe-event.entity';

/** The SQL of stored Stripe webhook events. */
@Injectable()
export class StripeEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Stores an event once by Stripe's id; false when it was stored before (a Stripe retry). */
  async insertOnce(em: EntityManager, event: Pick<StripeEvent, 'id' | 'type' | 'payload'>): Promise<boolean> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(StripeEvent)
      .values(event as never)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length === 1;
  }

  find(em: EntityManager, id: string): Promise<StripeEvent | null> {
    return em.getRepository(StripeEvent).findOneBy({ id });
  }
}
