import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthModule } from './auth.module';
import { SuperadminBootstrap } from './superadmin.bootstrap';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, SuperadminBootstrap],
})
export class AuthHttpModule {}
