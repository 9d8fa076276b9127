import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  notificationPageSchema,
  notificationResponseSchema,
  readAllResultSchema,
  toNotificationResponse,
  unreadCountSchema,
} from './dto/notification.response';
import { InboxQuery, inboxQuerySchema, NotificationIdParam, notificationIdParamSchema } from './dto/notifications.dto';
import { NotificationInboxService } from './notification-inbox.service';

/** The caller's in-app notifications, newest first. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInboxService) {}

  @Get()
  @ApiResult(200, notificationPageSchema, [400, 401])
  async list(@CurrentActor() actor: Actor, @Query({ schema: inboxQuerySchema }) query: InboxQuery) {
    const page = await this.inbox.list(actor.id, query);
    return { items: page.items.map(toNotificationResponse), nextCursor: page.nextCursor };
  }

  @Get('unread-count')
  @ApiResult(200, unreadCountSchema, [401])
  async unreadCount(@CurrentActor() actor: Actor) {
    return { unread: await this.inbox.unreadCount(actor.id) };
  }

  /** Idempotent; someone else's notification is NOTIFICATION_NOT_FOUND. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiResult(200, notificationResponseSchema, [400, 401, 404])
  async read(@CurrentActor() actor: Actor, @Param({ schema: notificationIdParamSchema }) params: NotificationIdParam) {
    return toNotificationResponse(await this.inbox.markRead(actor.id, params.id));
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiResult(200, readAllResultSchema, [401])
  async readAll(@CurrentActor() actor: Actor) {
    return { marked: await this.inbox.markAllRead(actor.id) };
  }
}
