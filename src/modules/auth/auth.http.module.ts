import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthModule } from './auth.module';
import { PhoneLoginController } from './phone-login/phone-login.controller';
import { PhoneLoginService } from './phone-login/phone-login.service';
import { SuperadminBootstrap } from './superadmin.bootstrap';
import { SmsModule } from '../sms/sms.module';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';

@Module({
  imports: [AuthModule, UsersModule, SmsModule],
  controllers: [AuthController, PhoneLoginController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    SuperadminBootstrap,
    PhoneLoginService,
    RateLimiterFactory,
  ],
})
export class AuthHttpModule {}
