import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { toUserResponse, userResponseSchema } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiResult(200, userResponseSchema, [401])
  async me(@CurrentActor() actor: Actor) {
    return toUserResponse(await this.users.getById(actor.id));
  }
}
