import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './entities/user.entity';

/** Every query on users. Methods that write take the caller's transaction. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<User | null> {
    return em.getRepository(User).findOneBy({ id });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email });
  }

  findByPhone(phone: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ phone });
  }

  /** Inserts unless the e-mail or phone is taken; null when it is. */
  async insertIfAbsent(em: EntityManager, user: Partial<User>): Promise<User | null> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(user)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (result.raw as Array<{ id: string }>)[0];
    return row ? this.findById(row.id, em) : null;
  }

  async setRoles(em: EntityManager, id: string, roles: User['roles']): Promise<void> {
    await em.getRepository(User).update({ id }, { roles });
  }
  async setLocale(em: EntityManager, id: string, locale: User['locale']): Promise<void> {
    await em.getRepository(User).update({ id }, { locale });
  }

  async updateProfile(
    em: EntityManager,
    id: string,
    changes: Partial<Pick<User, 'displayName' | 'locale'>>,
  ): Promise<void> {
    await em.getRepository(User).update({ id }, changes);
  }

  /** Newest first, keyed on (created_at, id). */
  listPage(limit: number, after?: { createdAt: string; id: string }): Promise<User[]> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .limit(limit);
    if (after) qb.where('(u.created_at, u.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
