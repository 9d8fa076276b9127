import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthModule } from './auth.module';
import { PhoneLoginController } from './phone-login/phone-login.controller';
import { SuperadminBootstrap } from './superadmin.bootstrap';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [AuthController, PhoneLoginController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, SuperadminBootstrap, RateLimiterFactory],
})
export class AuthHttpModule {}
