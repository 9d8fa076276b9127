import { Module } from '@nestjs/common';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';
import { AccountController } from './account.controller';
import { InboxController } from './inbox.controller';
import { LoginController } from './login.controller';
import { PhoneLoginController } from './phone-login.controller';
import { RegisterController } from './register.controller';

export const ACCOUNT_CONTROLLERS = [
  PhoneLoginController,
  LoginController,
  RegisterController,
  AccountController,
  InboxController,
];

/** Signing in and out, registration, the language switch, account settings, the inbox. */
@Module({ imports: [WebCoreModule, UsersModule], controllers: ACCOUNT_CONTROLLERS })
export class AccountPagesModule {}
