import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { fenFromDatabase } from '../../../database/fen-column';
import { Fen } from '../../../common/money';
import { LedgerEntry } from './ledger-entry.entity';

/** The SQL of the ledger; sums come back through the same checked conversion as money columns. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Inserts a journal's legs unless the journal was posted before; returns how many were inserted. */
  async insertJournal(em: EntityManager, entries: Array<Partial<LedgerEntry>>): Promise<number> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(LedgerEntry)
      .values(entries)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length;
  }

  async balance(em: EntityManager, account: string): Promise<Fen> {
    const [{ total }] = (await em.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM ledger_entries WHERE account = $1`,
      [account],
    )) as Array<{ total: string }>;
    return fenFromDatabase(total);
  }

  async total(): Promise<Fen> {
    const [{ total }] = (await this.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM ledger_entries`,
    )) as Array<{ total: string }>;
    return fenFromDatabase(total);
  }

  /** Accounts matching a LIKE pattern whose balance is below zero (what the platform owes), with it. */
  async owing(pattern: string): Promise<Array<{ account: string; balanceFen: Fen }>> {
    const rows = (await this.dataSource.query(
      `SELECT account, sum(amount_fen)::bigint AS balance FROM ledger_entries
        WHERE account LIKE $1 GROUP BY account HAVING sum(amount_fen) < 0`,
      [pattern],
    )) as Array<{ account: string; balance: string }>;
    return rows.map((r) => ({ account: r.account, balanceFen: fenFromDatabase(r.balance) }));
  }

  entriesOf(account: string): Promise<LedgerEntry[]> {
    return this.dataSource.getRepository(LedgerEntry).find({ where: { account }, order: { createdAt: 'ASC' } });
  }
}
