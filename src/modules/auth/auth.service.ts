import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AuthErrors } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { hashRefreshToken, TokenPair, TokenService } from './token.service';

type RefreshOutcome = { ok: TokenPair } | { error: 'invalid' | 'reused' | 'ended' };

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly repository: AuthRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** A new buyer account. Roles are never chosen here. */
  async register(input: RegisterDto, ip: string): Promise<User> {
    await this.throttle.registration(ip);
    const passwordHash = await this.passwords.hash(input.password);
    return this.repository.transaction((em) =>
      this.users.create(em, {
        email: input.email,
        phone: input.phone,
        passwordHash,
        displayName: input.displayName,
        locale: input.locale,
      }),
    );
  }

  async login(input: LoginDto, ip: string): Promise<TokenPair> {
    return this.startSession((await this.checkPassword(input, ip)).id);
  }

  /** The account whose password this is, under the same throttling as every login. */
  async checkPassword(input: LoginDto, ip: string): Promise<User> {
    const account = (input.email ?? input.phone) as string;
    await this.throttle.attempt(account, ip);
    const user = await this.users.findByLogin(input);
    const valid = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !valid) throw AuthErrors.invalidCredentials();
    await this.throttle.succeeded(account);
    return user;
  }

  /**
   * A new login in the browser for a user whose identity was proven. The token goes into
   * an HttpOnly cookie; only its hash is stored. Ending the session (logout, an admin
   * revoking it) ends it like any other login.
   */
  async startWebSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const web = this.tokens.newRefreshToken();
    await this.repository.transaction((em) => this.repository.createWebSession(em, userId, web.hash, web.expiresAt));
    return { token: web.token, expiresAt: web.expiresAt };
  }

  /** The user behind a browser login's cookie, or null when it ended or expired. */
  authenticateWebSession(token: string): Promise<{ user: User; sessionId: string } | null> {
    return this.repository.findUserOfWebSession(hashRefreshToken(token));
  }

  async endWebSession(token: string): Promise<void> {
    await this.repository.transaction((em) => this.repository.revokeWebSession(em, hashRefreshToken(token), 'logout'));
  }

  /** A new login for a user whose identity was proven (password, or a code sent to their phone). */
  startSession(userId: string): Promise<TokenPair> {
    return this.repository.transaction(async (em) => {
      const sessionId = await this.repository.createSession(em, userId);
      return this.issue(em, userId, sessionId);
    });
  }

  /**
   * Spends a refresh token for a new pair. A token presented a second time means it was
   * copied: the whole login (every token rotated from it) is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.repository.transaction(async (em): Promise<RefreshOutcome> => {
      const found = await this.repository.findTokenForUpdate(em, hashRefreshToken(refreshToken));
      if (!found) return { error: 'invalid' };
      const { token, session } = found;
      if (session.revokedAt) return { error: 'ended' };
      if (token.usedAt) {
        await this.repository.revokeSession(em, session.id, 'refresh_token_reuse');
        return { error: 'reused' };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { error: 'invalid' };
      await this.repository.markTokenUsed(em, token.id);
      return { ok: await this.issue(em, session.userId, session.id) };
    });
    if ('ok' in outcome) return outcome.ok;
    if (outcome.error === 'reused') throw AuthErrors.refreshTokenReused();
    if (outcome.error === 'ended') throw AuthErrors.sessionEnded();
    throw AuthErrors.invalidRefreshToken();
  }

  /** Ends the login the refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
  async logout(refreshToken: string): Promise<void> {
    await this.repository.transaction(async (em) => {
      const found = await this.repository.findTokenForUpdate(em, hashRefreshToken(refreshToken));
      if (found) await this.repository.revokeSession(em, found.session.id, 'logout');
    });
  }

  /** The user behind an access token, or null when the token or its login is no longer valid. */
  async authenticate(accessToken: string): Promise<{ user: User; sessionId: string } | null> {
    const claims = await this.tokens.verifyAccess(accessToken);
    if (!claims) return null;
    const user = await this.repository.findUserOfLiveSession(claims.sid, claims.sub);
    return user ? { user, sessionId: claims.sid } : null;
  }

  /** When a verified access token expires. */
  accessTokenExpiry(accessToken: string): Date {
    return this.tokens.accessExpiry(accessToken);
  }

  private async issue(em: EntityManager, userId: string, sessionId: string): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await this.repository.insertRefreshToken(em, sessionId, refresh.hash, refresh.expiresAt);
    return {
      accessToken: await this.tokens.signAccess({ sub: userId, sid: sessionId }),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }
}
