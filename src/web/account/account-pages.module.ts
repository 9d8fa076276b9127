import { Module } from '@nestjs/common';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';
import { LoginController } from './login.controller';

export const ACCOUNT_CONTROLLERS = [LoginController];

/** Signing in and out, registration, the language switch, account settings, the inbox. */
@Module({ imports: [WebCoreModule, UsersModule], controllers: ACCOUNT_CONTROLLERS })
export class AccountPagesModule {}
