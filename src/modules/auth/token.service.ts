import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Signs access JWTs and makes opaque refresh tokens (only their hash is stored). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims): Promise<string> {
    return this.jwt.signAsync(claims, { expiresIn: this.config.auth.accessTokenTtlSeconds });
  }

  /** The claims of a valid, unexpired access token; null otherwise. */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  /** When an access token expires (its `exp` claim). Reads without verifying: for a token already verified. */
  accessExpiry(token: string): Date {
    const claims = this.jwt.decode<{ exp?: unknown } | null>(token);
    if (typeof claims?.exp !== 'number') throw new Error('access token without an exp claim');
    return new Date(claims.exp * 1000);
  }

  newRefreshToken(): { token: string; hash: Buffer; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    return { token, hash: hashRefreshToken(token), expiresAt };
  }

  get accessTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
