import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A tracking update pushed by a provider, stored once (by its id) before it is applied. */
@Entity('tracking_updates')
@Index('tracking_updates_provider_key', ['provider', 'externalId'], { unique: true })
export class TrackingUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'jsonb' })
  body: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
