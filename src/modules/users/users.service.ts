import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createdKeyOf, Page, PageQuery, pageByCreated } from '../../common/http/pagination';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { UpdateMeDto } from './dto/update-me.dto';
import { User } from './entities/user.entity';
import { GrantableRole, Role } from '../../common/auth/roles';
import { UsersErrors } from './users.errors';
import { UsersRepository } from './users.repository';
import './users.events';

export interface NewAccount {
  email?: string;
  phone?: string;
  /** Null for accounts that log in by phone code only. */
  passwordHash: string | null;
  displayName?: string;
  locale?: User['locale'];
  roles?: Role[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** The user, or null when there is no such account. */
  findById(id: string, em?: EntityManager): Promise<User | null> {
    return this.users.findById(id, em);
  }

  async getById(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw UsersErrors.notFound();
    return user;
  }

  findByLogin(identifier: { email?: string; phone?: string }): Promise<User | null> {
    if (identifier.email) return this.users.findByEmail(identifier.email);
    if (identifier.phone) return this.users.findByPhone(identifier.phone);
    return Promise.resolve(null);
  }

  /** Creates the account inside `em`; EMAIL_TAKEN / PHONE_TAKEN when it exists. */
  async create(em: EntityManager, account: NewAccount): Promise<User> {
    const user = await this.users.insertIfAbsent(em, {
      email: account.email ?? null,
      phone: account.phone ?? null,
      passwordHash: account.passwordHash,
      displayName: account.displayName ?? null,
      locale: account.locale ?? 'zh-CN',
      roles: account.roles ?? ['buyer'],
    });
    if (!user) throw account.email ? UsersErrors.emailTaken() : UsersErrors.phoneTaken();
    await this.outbox.record(em, 'user.registered', { userId: user.id });
    return user;
  }

  /** Creates the account only when absent: used for the first admin at boot. */
  async ensureExists(account: NewAccount & { email: string }): Promise<'created' | 'existing'> {
    return this.users.transaction(async (em) => {
      const user = await this.users.insertIfAbsent(em, {
        email: account.email,
        passwordHash: account.passwordHash,
        roles: account.roles ?? ['buyer'],
        locale: account.locale ?? 'zh-CN',
      });
      if (!user) return 'existing';
      await this.outbox.record(em, 'user.registered', { userId: user.id });
      return 'created';
    });
  }

  async changeRoles(
    actorId: string,
    userId: string,
    change: { grant?: GrantableRole[]; revoke?: GrantableRole[] },
  ): Promise<User> {
    if (actorId === userId && change.revoke?.includes('admin')) throw UsersErrors.cannotRevokeOwnAdmin();
    return this.users.transaction((em) => this.changeRolesIn(em, actorId, userId, change));
  }

  /** The role change inside the caller's transaction (e.g. a store's approval grants `seller`). */
  async changeRolesIn(
    em: EntityManager,
    actorId: string,
    userId: string,
    change: { grant?: GrantableRole[]; revoke?: GrantableRole[] },
  ): Promise<User> {
    const user = await this.users.findByIdForUpdate(em, userId);
    if (!user) throw UsersErrors.notFound();
    const granted = (change.grant ?? []).filter((r) => !user.roles.includes(r));
    const revoked = (change.revoke ?? []).filter((r) => user.roles.includes(r));
    if (granted.length === 0 && revoked.length === 0) return user;
    user.roles = [...user.roles.filter((r) => !revoked.includes(r as GrantableRole)), ...granted];
    await this.users.setRoles(em, user.id, user.roles);
    await this.outbox.record(em, 'user.roles-changed', { userId, actorId, granted, revoked });
    return user;
  }

  /** The language of the person's pages and notifications. */
  async setLocale(userId: string, locale: User['locale']): Promise<void> {
    await this.users.transaction((em) => this.users.setLocale(em, userId, locale));
  }

  /** The person's own settings: display name (null clears it) and language. */
  async updateProfile(userId: string, changes: UpdateMeDto): Promise<User> {
    return this.users.transaction(async (em) => {
      const user = await this.users.findByIdForUpdate(em, userId);
      if (!user) throw UsersErrors.notFound();
      const patch: Partial<Pick<User, 'displayName' | 'locale'>> = {};
      if (changes.displayName !== undefined) patch.displayName = changes.displayName;
      if (changes.locale !== undefined) patch.locale = changes.locale;
      await this.users.updateProfile(em, userId, patch);
      return Object.assign(user, patch);
    });
  }

  async list(query: PageQuery): Promise<Page<User>> {
    const rows = await this.users.listPage(query.limit + 1, createdKeyOf(query.cursor, 'admin.users'));
    return pageByCreated(rows, query.limit, 'admin.users');
  }
}
