import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LiveSessionViews } from '../../modules/livestreams/live-session-views.service';
import { WebPages } from '../render/web-pages.service';
import { idParam } from '../session/page-actor';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { sessionView, viewerItems } from './live-views';

/**
 * The viewer's page, opened from the link the host shares in the stream: no login. The
 * session and its pinned items come from the public showcase (read once a second per session
 * however many watch); htmx polls the items' part every few seconds, and the ETag answers
 * an unchanged poll with 304. Buying goes to the checkout with the session's id.
 */
@WebController('live')
export class LiveViewerPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly views: LiveSessionViews,
  ) {}

  @Get(':id')
  async viewer(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const data = await this.showcase(idParam(id));
    return this.pages.render(request, reply, 'live/viewer', data, { titleText: data.session.title });
  }

  /** The part of the page that moves (status, items, units left), for htmx's poll; without htmx the page. */
  @Get(':id/items')
  async items(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const data = await this.showcase(idParam(id));
    if (!request.headers['hx-request']) {
      return this.pages.render(request, reply, 'live/viewer', data, { titleText: data.session.title });
    }
    return this.pages.fragment(request, reply, 'live/showcase', data);
  }

  private async showcase(sessionId: string) {
    const { session, items } = await this.views.showcase(sessionId);
    return { session: sessionView(session), items: viewerItems(session, items) };
  }
}
