import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';

/**
 * Creates the first admin from SUPERADMIN_EMAIL / SUPERADMIN_PASSWORD when no account has
 * that e-mail. Safe on every boot and with several api instances starting at once; an
 * existing account is left exactly as it is.
 */
@Injectable()
export class SuperadminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(SuperadminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const superadmin = this.config.auth.superadmin;
    if (!superadmin) return;
    const outcome = await this.users.ensureExists({
      email: superadmin.email,
      passwordHash: await this.passwords.hash(superadmin.password),
      roles: ['buyer', 'admin'],
    });
    if (outcome === 'created') this.logger.log('created the first admin account from SUPERADMIN_EMAIL');
  }
}
