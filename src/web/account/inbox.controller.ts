import { Body, NotFoundException, Param, Post, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { NotificationInboxService } from '../../modules/notifications/notification-inbox.service';
import { safeNext } from '../errors/web-exception.filter';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

const PAGE_SIZE = 20;
const idSchema = z.uuid();
const cursorSchema = z.string().min(1).max(500).optional();

interface InboxItem {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  unread: boolean;
}

const itemOf = (n: { id: string; title: string; body: string; createdAt: Date; readAt: Date | null }): InboxItem => ({
  id: n.id,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt,
  unread: n.readAt === null,
});

/**
 * The person's notifications, newest first, unread ones marked; read one or all. With htmx
 * the read item is swapped in place and the header's badge out of band; without, back to the list.
 */
@WebController('inbox')
@SignedIn()
export class InboxController {
  constructor(
    private readonly pages: WebPages,
    private readonly inbox: NotificationInboxService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const parsedCursor = cursorSchema.safeParse(cursor);
    // A cursor the list did not give out is INVALID_CURSOR (400) from the service; so is a mangled one.
    const page = await this.inbox.list(this.actor(request).id, {
      cursor: parsedCursor.success ? parsedCursor.data : undefined,
      limit: PAGE_SIZE,
    });
    const items = page.items.map(itemOf);
    return this.pages.render(
      request,
      reply,
      'account/inbox',
      {
        items,
        anyUnread: items.some((i) => i.unread),
        moreHref: page.nextCursor ? `/inbox?cursor=${encodeURIComponent(page.nextCursor)}` : null,
        olderPage: Boolean(cursor),
      },
      { title: 'account:inbox.title' },
    );
  }

  @Post('read-all')
  async readAll(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    await this.inbox.markAllRead(this.actor(request).id);
    return this.pages.redirect(reply, this.back(request, body));
  }

  @Post(':id/read')
  async read(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    if (!idSchema.safeParse(id).success) throw new NotFoundException();
    const userId = this.actor(request).id;
    const notification = await this.inbox.markRead(userId, id);
    if (request.headers['hx-request'] !== 'true') return this.pages.redirect(reply, this.back(request, body));
    return this.pages.fragment(request, reply, 'account/inbox-read', {
      item: itemOf(notification),
      unread: await this.inbox.unreadCount(userId),
    });
  }

  /** Back to the page the form was on (the list, or an older page of it). */
  private back(request: WebRequest, body: Record<string, unknown> | undefined): string {
    const to = safeNext(body?.next ?? request.headers.referer);
    return to.startsWith('/inbox') ? to : '/inbox';
  }

  private actor(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
