import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { LiveSessionsService } from '../../modules/livestreams/live-sessions.service';
import { LIVE_PLATFORMS } from '../../modules/livestreams/livestreams.module';
import { SellersService } from '../../modules/sellers/sellers.service';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import type { FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { storeNamesOf } from '../shopping/store-names';
import { actorOf } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { liveErrorsOf, newSessionForm, readSessionForm, sessionFormValues, shownAgain, statusOf } from './live-forms';
import { sessionView } from './live-views';

const PAGE_SIZE = 20;
type Values = Record<string, unknown>;

/**
 * A host's live sessions: the list of every session of the stores they run and the practice
 * rooms they co-manage (LiveSessionsService.listManaged), and the new-session form. The
 * session's own console is LiveConsolePagesController.
 */
@WebController('seller/live')
@SignedIn()
export class LiveHostPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly sessions: LiveSessionsService,
    private readonly sellers: SellersService,
    private readonly enrollments: EnrollmentViews,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: unknown) {
    const actor = actorOf(request);
    const page = await this.sessions.listManaged(actor, {
      cursor: typeof cursor === 'string' && cursor ? cursor : undefined,
      limit: PAGE_SIZE,
    });
    const names = await storeNamesOf(
      this.sellers,
      page.items.map((s) => s.sellerId),
    );
    const sessions = page.items.map((s) => ({ ...sessionView(s), storeName: names.get(s.sellerId) ?? '' }));
    const stores = await this.sellers.listManaged(actor);
    const more = page.nextCursor ? `?${new URLSearchParams({ cursor: page.nextCursor }).toString()}` : null;
    return this.pages.render(
      request,
      reply,
      'live/sessions',
      { sessions, more, canCreate: stores.some((s) => s.status === 'verified') },
      { title: 'live:list.title' },
    );
  }

  @Get('new')
  async newForm(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('store') store?: unknown) {
    return this.form(request, reply, newSessionForm(typeof store === 'string' ? store : undefined));
  }

  @Post('new')
  async create(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const locale = request.web.locale;
    const t = translatorFor(locale, 'live');
    const values = sessionFormValues(body);
    const again = (errors: FormErrors, status = 400) => this.form(request, reply, shownAgain(values), errors, status);
    const form = readSessionForm(values, t);
    if (!form.ok) return again(form.errors);
    try {
      const session = await this.sessions.create(actorOf(request), form.data);
      return this.pages.redirect(reply, `/seller/live/${session.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(liveErrorsOf(error, t, locale, 'session'), statusOf(error));
    }
  }

  /** The form: the stores the person runs (only verified ones go live), the platforms, their own seats in cohorts. */
  private async form(request: WebRequest, reply: FastifyReply, form: Values, errors?: FormErrors, status = 200) {
    const actor = actorOf(request);
    const managed = await this.sellers.listManaged(actor);
    const stores = managed.map((s) => ({
      id: s.id,
      name: s.displayName,
      verified: s.status === 'verified',
      statusKey: `live:storeStatus.${s.status}`,
      selected: s.id === form.sellerId,
    }));
    // A practice room is opened by a trainee holding a seat: the cohorts they are enrolled in.
    const cohorts = (await this.enrollments.mine(actor))
      .filter((m) => m.enrollment.status === 'enrolled' && ['open', 'running'].includes(m.cohort.status))
      .map((m) => ({ id: m.cohort.id, title: m.cohort.title, selected: m.cohort.id === form.cohortId }));
    const platforms = LIVE_PLATFORMS.map((value) => ({ value, labelKey: `live:platform.${value}` }));
    return this.pages.render(
      request,
      reply,
      'live/session-new',
      {
        form,
        stores,
        hasVerified: stores.some((s) => s.verified),
        cohorts,
        // Open when it matters: the person has a seat, or the form came back about it.
        cohortOpen: cohorts.length > 0 || Boolean(form.cohortId) || Boolean(errors?.cohortId),
        platforms,
      },
      { title: 'live:new.title', errors, status },
    );
  }
}
