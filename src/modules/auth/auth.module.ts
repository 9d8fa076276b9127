import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [AuthRepository, AuthService, PasswordHasher, TokenService, LoginThrottle, RateLimiterFactory],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
