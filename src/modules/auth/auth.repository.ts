import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { AuthSession } from './entities/auth-session.entity';
import { RefreshToken } from './entities/refresh-token.entity';

@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async createSession(em: EntityManager, userId: string): Promise<string> {
    const session = await em.getRepository(AuthSession).save({ userId });
    return session.id;
  }

  async createWebSession(em: EntityManager, userId: string, webTokenHash: Buffer, expiresAt: Date): Promise<string> {
    const session = await em.getRepository(AuthSession).save({ userId, webTokenHash, expiresAt });
    return session.id;
  }

  /** The user and session behind a browser login's cookie, while it is live and unexpired. */
  async findUserOfWebSession(webTokenHash: Buffer): Promise<{ user: User; sessionId: string } | null> {
    const session = await this.dataSource
      .getRepository(AuthSession)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.web_token_hash = :webTokenHash AND s.revoked_at IS NULL AND s.expires_at > now()', { webTokenHash })
      .getOne();
    return session?.user ? { user: session.user, sessionId: session.id } : null;
  }

  async revokeWebSession(em: EntityManager, webTokenHash: Buffer, reason: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('web_token_hash = :webTokenHash AND revoked_at IS NULL', { webTokenHash })
      .execute();
  }

  async insertRefreshToken(em: EntityManager, sessionId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await em.getRepository(RefreshToken).insert({ sessionId, tokenHash, expiresAt });
  }

  /** The token and its session, the token row locked so that one presentation wins. */
  async findTokenForUpdate(
    em: EntityManager,
    tokenHash: Buffer,
  ): Promise<{ token: RefreshToken; session: AuthSession } | null> {
    const token = await em
      .getRepository(RefreshToken)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
    if (!token) return null;
    const session = await em.getRepository(AuthSession).findOneByOrFail({ id: token.sessionId });
    return { token, session };
  }

  async markTokenUsed(em: EntityManager, tokenId: string): Promise<void> {
    await em.getRepository(RefreshToken).update({ id: tokenId }, { usedAt: () => 'now()' });
  }

  async revokeSession(em: EntityManager, sessionId: string, reason: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
  }

  /** The user behind an access token, when its session is still live. */
  async findUserOfLiveSession(sessionId: string, userId: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(AuthSession, 's', 's.user_id = u.id')
      .where('s.id = :sessionId AND u.id = :userId AND s.revoked_at IS NULL', { sessionId, userId })
      .getOne();
  }
}
