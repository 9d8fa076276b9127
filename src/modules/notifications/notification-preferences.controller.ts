import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { preferencesResponseSchema, toPreferencesResponse } from './dto/notification.response';
import { UpdatePreferencesDto, updatePreferencesSchema } from './dto/notifications.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** Which categories the caller hears about on which channel (in-app, SMS, e-mail). Everything is on by default. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiResult(200, preferencesResponseSchema, [401])
  async get(@CurrentActor() actor: Actor) {
    return toPreferencesResponse(await this.preferences.list(actor.id));
  }

  @Put()
  @ApiResult(200, preferencesResponseSchema, [400, 401])
  async update(@CurrentActor() actor: Actor, @Body({ schema: updatePreferencesSchema }) body: UpdatePreferencesDto) {
    return toPreferencesResponse(await this.preferences.update(actor.id, body.preferences));
  }
}
