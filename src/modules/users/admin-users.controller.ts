import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { PageQuery, pageQuerySchema } from '../../common/http/pagination';
import { GrantRolesDto, grantRolesSchema, roleParamSchema, userIdParamSchema } from './dto/change-roles.dto';
import { toUserResponse, userPageSchema, userResponseSchema } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiResult(200, userPageSchema, [400, 401, 403])
  async list(@Query({ schema: pageQuerySchema }) query: PageQuery) {
    const page = await this.users.list(query);
    return { items: page.items.map(toUserResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/roles')
  @ApiResult(201, userResponseSchema, [400, 401, 403, 404])
  async grant(
    @CurrentActor() actor: Actor,
    @Param({ schema: userIdParamSchema }) params: z.infer<typeof userIdParamSchema>,
    @Body({ schema: grantRolesSchema }) body: GrantRolesDto,
  ) {
    return toUserResponse(await this.users.changeRoles(actor.id, params.id, { grant: body.roles }));
  }

  @Delete(':id/roles/:role')
  @ApiResult(200, userResponseSchema, [400, 401, 403, 404, 409])
  async revoke(
    @CurrentActor() actor: Actor,
    @Param({ schema: roleParamSchema }) params: z.infer<typeof roleParamSchema>,
  ) {
    return toUserResponse(await this.users.changeRoles(actor.id, params.id, { revoke: [params.role] }));
  }
}
