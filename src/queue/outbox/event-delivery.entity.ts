import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (event, listener) that has run. It is written in the listener's own
 * transaction, so a listener's effects commit exactly once however often the job runs.
 */
@Entity('event_deliveries')
export class EventDelivery {
  @PrimaryColumn('uuid')
  eventId: string;

  @PrimaryColumn({ type: 'text' })
  listener: string;

  @CreateDateColumn({ type: 'timestamptz' })
  deliveredAt: Date;
}
