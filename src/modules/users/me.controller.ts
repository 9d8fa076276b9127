import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { UpdateMeDto, updateMeSchema } from './dto/update-me.dto';
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

  /** The caller's display name and language; only the fields given change. */
  @Patch()
  @ApiResult(200, userResponseSchema, [400, 401])
  async update(@CurrentActor() actor: Actor, @Body({ schema: updateMeSchema }) body: UpdateMeDto) {
    return toUserResponse(await this.users.updateProfile(actor.id, body));
  }
}
