import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

/**
 * One leg of a balanced journal: amounts are fen, debits positive and credits negative,
 * and the legs of a journal always sum to zero.
 */
@Entity('ledger_entries')
@Index('ledger_entries_account_idx', ['account', 'createdAt'])
@Index('ledger_entries_journal_key', ['journalKey', 'account'], { unique: true })
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * What the journal records, from our own ids (e.g. `order-paid:<orderId>`): posting the
   * same journal twice is refused by the unique index, so a retry moves no extra money.
   */
  @Column({ type: 'text' })
  journalKey: string;

  /** e.g. `platform:cash`, `platform:commission`, `seller:<id>:held`, `seller:<id>:available`. */
  @Column({ type: 'text' })
  account: string;

  @Column(fenColumn())
  amountFen: number;

  @Column({ type: 'text' })
  memo: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
