import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  providers: [UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}

// What other modules may use besides UsersService (docs/dependency-rules.md).
export { toUserResponse, userResponseSchema } from './dto/user.response';
export { updateMeSchema, type UpdateMeDto } from './dto/update-me.dto';
