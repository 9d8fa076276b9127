import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { AppConfig } from '../../config/app-config';
import { SmsModule } from '../sms/sms.module';
import { UsersModule } from '../users/users.module';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { PhoneLoginService } from './phone-login/phone-login.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    UsersModule,
    SmsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A key object built once: given the string, jsonwebtoken tries it as a public key first
      // on every sign and verify (a thrown parse, 8% of the api's CPU under a flash sale).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    AuthRepository,
    AuthService,
    PasswordHasher,
    TokenService,
    LoginThrottle,
    RateLimiterFactory,
    PhoneLoginService,
  ],
  exports: [AuthService, PasswordHasher, PhoneLoginService],
})
export class AuthModule {}

// What the pages may use besides the services (docs/dependency-rules.md).
export { registerSchema, type RegisterDto } from './dto/auth.dto';
