import { Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { consumeOrThrow, RateLimiterFactory } from '../../../common/rate-limit/rate-limiter.factory';
import { AppConfig } from '../../../config/app-config';
import { SmsSender } from '../../sms/sms-sender';
import { UsersService } from '../../users/users.service';
import { User } from '../../users/entities/user.entity';
import { AuthService } from '../auth.service';
import { PhoneLoginCode } from '../entities/phone-login-code.entity';
import { TokenPair } from '../token.service';

const CODE_TTL_SECONDS = 300;
const MAX_ATTEMPTS = 5;
const RESEND_AFTER_SECONDS = 60;

/**
 * Log in with a mainland mobile number and a 6-digit code sent by SMS; a number seen for the
 * first time becomes a buyer account. Codes are stored as an HMAC, expire in 5 minutes, are
 * used once and allow 5 tries; sending is limited per number and per client address.
 */
@Injectable()
export class PhoneLoginService {
  private readonly resend;
  private readonly perNumberDaily;
  private readonly perIpHourly;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sms: SmsSender,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    limits: RateLimiterFactory,
  ) {
    this.resend = limits.create({ name: 'otp:resend', points: 1, durationSeconds: RESEND_AFTER_SECONDS });
    this.perNumberDaily = limits.create({ name: 'otp:phone', points: 10, durationSeconds: 86_400 });
    this.perIpHourly = limits.create({ name: 'otp:ip', points: 30, durationSeconds: 3_600 });
  }

  async requestCode(phone: string, ip: string): Promise<{ expiresIn: number; resendAfter: number }> {
    if (!this.sms.enabled || !this.config.sms) {
      throw new DomainError('unprocessable', 'SMS_NOT_CONFIGURED', 'Login by SMS code is not available here');
    }
    await consumeOrThrow(this.perIpHourly, ip, 'OTP_RATE_LIMITED');
    await consumeOrThrow(this.resend, phone, 'OTP_RATE_LIMITED');
    await consumeOrThrow(this.perNumberDaily, phone, 'OTP_RATE_LIMITED');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const saved = await this.dataSource.getRepository(PhoneLoginCode).save({
      phone,
      codeHash: this.hash(phone, code),
      expiresAt: new Date(Date.now() + CODE_TTL_SECONDS * 1000),
    });
    try {
      await this.sms.send({
        phone,
        templateCode: this.config.sms.loginCodeTemplate,
        params: { code },
        outId: saved.id,
      });
    } catch (error) {
      await this.dataSource.getRepository(PhoneLoginCode).update({ id: saved.id }, { consumedAt: () => 'now()' });
      throw new DomainError('unprocessable', 'SMS_NOT_SENT', (error as Error).message);
    }
    return { expiresIn: CODE_TTL_SECONDS, resendAfter: RESEND_AFTER_SECONDS };
  }

  async login(phone: string, code: string): Promise<TokenPair & { newAccount: boolean }> {
    const { user, newAccount } = await this.verify(phone, code);
    return { ...(await this.auth.startSession(user.id)), newAccount };
  }

  /** The account of the phone whose code this is (made on first use); spends the code. */
  async verify(phone: string, code: string): Promise<{ user: User; newAccount: boolean }> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const latest = await em.getRepository(PhoneLoginCode).findOne({
        where: { phone, consumedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!latest || latest.attempts >= MAX_ATTEMPTS) return 'invalid' as const;
      latest.attempts += 1;
      const given = this.hash(phone, code);
      const match = given.length === latest.codeHash.length && timingSafeEqual(given, latest.codeHash);
      if (match) latest.consumedAt = new Date();
      await em.getRepository(PhoneLoginCode).save(latest);
      return match ? ('ok' as const) : latest.attempts >= MAX_ATTEMPTS ? ('exhausted' as const) : ('invalid' as const);
    });
    if (outcome === 'exhausted') {
      throw new DomainError('unauthenticated', 'OTP_ATTEMPTS_EXHAUSTED', 'Too many wrong codes; ask for a new one');
    }
    if (outcome !== 'ok') throw new DomainError('unauthenticated', 'INVALID_CODE', 'The code is wrong or has expired');
    const existing = await this.users.findByLogin({ phone });
    const user =
      existing ??
      (await this.dataSource
        .transaction((em) => this.users.create(em, { phone, passwordHash: null }))
        .catch(async () => {
          // Created by a concurrent login with the same number.
          return (await this.users.findByLogin({ phone }))!;
        }));
    return { user, newAccount: !existing };
  }

  private hash(phone: string, code: string): Buffer {
    return createHmac('sha256', this.config.auth.jwtSecret).update(`${phone}:${code}`).digest();
  }
}
