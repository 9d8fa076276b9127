import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { MeController } from './me.controller';
import { UsersModule } from './users.module';

@Module({
  imports: [UsersModule],
  controllers: [MeController, AdminUsersController],
})
export class UsersHttpModule {}
