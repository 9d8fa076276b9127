import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { LiveItemsService } from '../../modules/livestreams/live-items.service';
import { LiveSessionsService } from '../../modules/livestreams/live-sessions.service';
import { formObject, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { LiveConsoleView } from './live-console-view.service';
import { liveErrorsOf, pinFormValues, readPinForm, shownAgain, statusOf } from './live-forms';
import { viewerPath } from './live-views';

type Values = Record<string, unknown>;
const cancelForm = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** What the console shows again after a refused form: what was typed and the messages. */
interface Again {
  errors?: FormErrors;
  pinForm?: Values;
  status?: number;
}

/**
 * The host's console of one session, for the store's members and the co-managing trainer:
 * going live, ending, cancelling, pinning and unpinning items, the shareable viewer link and
 * the live figures, which refresh themselves (htmx every 5 s; a plain link without JavaScript).
 * Anyone else gets the "not found" page (LiveSessionAccess), never a hint the session exists.
 */
@WebController('seller/live/:id')
@SignedIn()
export class LiveConsolePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly sessions: LiveSessionsService,
    private readonly items: LiveItemsService,
    private readonly view: LiveConsoleView,
  ) {}

  @Get()
  console(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.consolePage(request, reply, idParam(id));
  }

  /** The live figures alone, for htmx's poll; without htmx the whole console. */
  @Get('stats')
  async stats(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const sessionId = idParam(id);
    if (!request.headers['hx-request']) return this.consolePage(request, reply, sessionId);
    const stats = await this.view.stats(actorOf(request), sessionId);
    return this.pages.fragment(request, reply, 'live/stats', { ...stats, updatedAt: new Date() });
  }

  /** What the session sold: orders, units, paid GMV (refunds out), buyers, and per item; after the session too. */
  @Get('report')
  async report(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const data = await this.view.report(actorOf(request), idParam(id));
    return this.pages.render(request, reply, 'live/report', data, { title: 'live:report.title' });
  }

  @Post('start')
  start(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.act(request, reply, idParam(id), (sessionId) => this.sessions.start(actorOf(request), sessionId));
  }

  @Post('end')
  end(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.act(request, reply, idParam(id), (sessionId) => this.sessions.end(actorOf(request), sessionId));
  }

  @Post('cancel')
  cancel(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: unknown) {
    const sessionId = idParam(id);
    const form = readForm(cancelForm, { reason: formObject(body).reason }, translatorFor(request.web.locale, 'live'));
    if (!form.ok) return this.consolePage(request, reply, sessionId, { errors: form.errors, status: 400 });
    return this.act(request, reply, sessionId, (s) =>
      this.sessions.cancel(actorOf(request), s, form.data.reason ?? null),
    );
  }

  /** Pins a variant: the live price typed in yuan, the units set aside, the per-buyer limit, an optional window. */
  @Post('items')
  async pin(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: unknown) {
    const sessionId = idParam(id);
    const locale = request.web.locale;
    const t = translatorFor(locale, 'live');
    const values = pinFormValues(body);
    const again = (errors: FormErrors, status = 400) =>
      this.consolePage(request, reply, sessionId, { errors, pinForm: shownAgain(values), status });
    const form = readPinForm(values, t);
    if (!form.ok) return again(form.errors);
    try {
      await this.items.pin(actorOf(request), sessionId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'LIVE_SESSION_NOT_FOUND') throw error;
      const session = await this.sessions.get(actorOf(request), sessionId);
      return again(liveErrorsOf(error, t, locale, 'pin', { session, values }), statusOf(error));
    }
    return this.pages.redirect(reply, `/seller/live/${sessionId}#live-items`);
  }

  /** Unpins an item: its unsold units go back to the variant's stock. */
  @Post('items/:itemId/unpin')
  unpin(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
  ) {
    const item = idParam(itemId);
    return this.act(request, reply, idParam(id), (s) => this.items.unpin(actorOf(request), s, item), '#live-items');
  }

  /** A button's change, then back to the console; a refusal is shown next to the buttons. */
  private async act(
    request: WebRequest,
    reply: FastifyReply,
    sessionId: string,
    change: (sessionId: string) => Promise<unknown>,
    anchor = '',
  ) {
    try {
      await change(sessionId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const locale = request.web.locale;
      const errors = liveErrorsOf(error, translatorFor(locale, 'live'), locale, 'actions');
      return this.consolePage(request, reply, sessionId, { errors, status: statusOf(error) });
    }
    return this.pages.redirect(reply, `/seller/live/${sessionId}${anchor}`);
  }

  private async consolePage(request: WebRequest, reply: FastifyReply, sessionId: string, again: Again = {}) {
    const data = await this.view.console(actorOf(request), sessionId);
    const shareUrl = `${request.protocol}://${request.host}${viewerPath(sessionId)}`;
    // The SVG is drawn by qrcode from our own address: rectangles only, nothing anyone typed.
    const qrSvg = await QRCode.toString(shareUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return this.pages.render(
      request,
      reply,
      'live/console',
      {
        ...data,
        shareUrl,
        qrSvg,
        viewerPath: viewerPath(sessionId),
        updatedAt: new Date(),
        pinForm: again.pinForm ?? { allocation: '', perBuyerLimit: 1, displayOrder: data.pinned.length },
      },
      { titleText: data.session.title, errors: again.errors, status: again.status ?? 200 },
    );
  }
}
