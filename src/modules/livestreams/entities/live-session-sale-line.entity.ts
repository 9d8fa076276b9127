import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Fen } from '../../../common/money';
import { fenColumn } from '../../../database/fen-column';

/** The live lines of a live sale, per pinned item (catalog's live offer). */
@Entity('live_session_sale_lines')
export class LiveSessionSaleLine {
  @PrimaryColumn({ type: 'uuid' })
  orderId: string;

  @PrimaryColumn({ type: 'uuid' })
  offerId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column(fenColumn())
  lineTotalFen: Fen;
}
