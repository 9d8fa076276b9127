import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Counters of rate-limiter-flexible's Postgres store, used when no Redis is configured. */
@Entity('rate_limits')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'int', default: 0 })
  points: number;

  @Column({ type: 'bigint', nullable: true })
  expire: string | null;
}
