import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeOrThrow, RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { AppConfig } from '../../config/app-config';

/**
 * Bounds login attempts per account and per client address, and registrations per client
 * address (so one machine cannot mint accounts to get round the per-buyer checkout limits),
 * across all api instances.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly registrationsPerIp: RateLimiterAbstract;

  constructor(factory: RateLimiterFactory, config: AppConfig) {
    const durationSeconds = config.auth.loginRateWindowSeconds;
    this.perAccount = factory.create({
      name: 'login:account',
      points: config.auth.loginMaxAttemptsPerAccount,
      durationSeconds,
    });
    this.perIp = factory.create({ name: 'login:ip', points: config.auth.loginMaxAttemptsPerIp, durationSeconds });
    this.registrationsPerIp = factory.create({
      name: 'register:ip',
      points: config.auth.registrationMaxPerAddress,
      durationSeconds: config.auth.registrationRateWindowSeconds,
    });
  }

  async registration(ip: string): Promise<void> {
    await consumeOrThrow(this.registrationsPerIp, ip, 'REGISTRATION_RATE_LIMITED');
  }

  async attempt(account: string, ip: string): Promise<void> {
    await consumeOrThrow(this.perIp, ip, 'LOGIN_RATE_LIMITED');
    await consumeOrThrow(this.perAccount, account, 'LOGIN_RATE_LIMITED');
  }

  /** A successful login clears the account's failed attempts. */
  async succeeded(account: string): Promise<void> {
    await this.perAccount.delete(account);
  }
}
