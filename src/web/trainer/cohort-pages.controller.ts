import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { RegionsService } from '../../modules/regions/regions.service';
import { CohortListingsService } from '../../modules/training/cohort-listings.service';
import { CohortSessionsService } from '../../modules/training/cohort-sessions.service';
import { CohortsService } from '../../modules/training/cohorts.service';
import {
  canCohortTransition,
  cancelCohortSchema,
  createCohortSchema,
  createSessionSchema,
  patchCohortSchema,
  patchSessionSchema,
  seatsTaken,
} from '../../modules/training/training.module';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import {
  cohortErrorsOf,
  cohortFormOf,
  cohortFormValues,
  idOf,
  KINDS,
  sessionFormOf,
  sessionFormValues,
  shownAgain,
  statusOf,
  withFeeMessages,
} from './cohort-form';
import { CohortFormView } from './cohort-form-view.service';
import { actorOf } from '../session/page-actor';
import type { Cohort } from '../../modules/training/entities/cohort.entity';

const PAGE_SIZE = 20;
const kindChoices = () => KINDS.map((value) => ({ value, labelKey: `cohorts:kind.${value}` }));
type Values = Record<string, unknown>;

/**
 * A trainer's cohorts: the list, the new-cohort form, the overview with its status actions and
 * sessions, the edit form and a session's own form. Every write is the API's service with the
 * API's schema; someone else's cohort is the "not found" page (CohortAccess).
 */
@WebController('trainer')
@SignedIn('trainer', 'admin')
export class CohortPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cohorts: CohortsService,
    private readonly sessions: CohortSessionsService,
    private readonly listings: CohortListingsService,
    private readonly regions: RegionsService,
    private readonly formView: CohortFormView,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const page = await this.listings.listOwn(actorOf(request), {
      cursor: typeof cursor === 'string' && cursor ? cursor : undefined,
      limit: PAGE_SIZE,
    });
    const seats = await this.listings.seatsOf(page.items.map((c) => c.id));
    const cohorts = page.items.map((c) => ({
      ...c,
      statusKey: `cohorts:status.${c.status}`,
      enrolled: seats.get(c.id)?.enrolled ?? 0,
      awaitingPayment: seats.get(c.id)?.awaitingPayment ?? 0,
      waitlisted: seats.get(c.id)?.waitlisted ?? 0,
    }));
    const more = page.nextCursor ? `?${new URLSearchParams({ cursor: page.nextCursor }).toString()}` : null;
    return this.pages.render(request, reply, 'trainer/cohorts', { cohorts, more }, { title: 'cohorts:list.title' });
  }

  @Get('cohorts/new')
  async newForm(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: Values) {
    const form = query._refresh
      ? shownAgain(cohortFormValues(query))
      : { format: 'in_person', capacity: 30, minSessionsAttended: 0 };
    return this.cohortForm(request, reply, 'trainer/cohorts-new', null, form, undefined, query);
  }

  @Post('cohorts/new')
  async create(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale, 'cohorts');
    const values = cohortFormValues(body);
    const again = (errors: FormErrors, status = 400) =>
      this.cohortForm(request, reply, 'trainer/cohorts-new', null, shownAgain(values), errors, body, status);
    const form = readForm(createCohortSchema, values, t);
    if (!form.ok) return again(withFeeMessages(form.errors, t));
    try {
      const cohort = await this.cohorts.create(actorOf(request), form.data);
      return this.pages.redirect(reply, `/trainer/cohorts/${cohort.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(cohortErrorsOf(error, t), statusOf(error));
    }
  }

  @Get('cohorts/:id')
  async overview(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.overviewPage(request, reply, idOf(id));
  }

  @Post('cohorts/:id/open')
  open(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.act(request, reply, idOf(id), (cohortId) => this.cohorts.open(actorOf(request), cohortId));
  }

  @Post('cohorts/:id/start')
  start(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.act(request, reply, idOf(id), (cohortId) => this.cohorts.start(actorOf(request), cohortId));
  }

  @Post('cohorts/:id/cancel')
  async cancel(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: unknown) {
    const cohortId = idOf(id);
    const form = readForm(cancelCohortSchema, body, translatorFor(request.web.locale, 'cohorts'));
    if (!form.ok) return this.overviewPage(request, reply, cohortId, { errors: form.errors }, 400);
    return this.act(request, reply, cohortId, (c) => this.cohorts.cancel(actorOf(request), c, form.data.reason));
  }

  @Post('cohorts/:id/sessions')
  async addSession(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const cohortId = idOf(id);
    const t = translatorFor(request.web.locale, 'cohorts');
    const values = sessionFormValues(body);
    const form = readForm(createSessionSchema, values, t);
    const again = (errors: FormErrors, status = 400) =>
      this.overviewPage(request, reply, cohortId, { errors, sessionForm: shownAgain(values) }, status);
    if (!form.ok) return again(form.errors);
    try {
      await this.cohorts.addSession(actorOf(request), cohortId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return again(cohortErrorsOf(error, t), statusOf(error));
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}#sessions`);
  }

  @Get('cohorts/:id/edit')
  async editForm(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: Values,
  ) {
    const cohort = await this.cohorts.manage(actorOf(request), idOf(id));
    const form = query._refresh ? shownAgain(cohortFormValues(query)) : cohortFormOf(cohort);
    return this.cohortForm(request, reply, 'trainer/cohort-edit', cohort, form, undefined, query);
  }

  @Post('cohorts/:id/edit')
  async edit(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: unknown) {
    const cohortId = idOf(id);
    const t = translatorFor(request.web.locale, 'cohorts');
    const values = cohortFormValues(body);
    const again = async (errors: FormErrors, status = 400) => {
      const cohort = await this.cohorts.manage(actorOf(request), cohortId);
      return this.cohortForm(request, reply, 'trainer/cohort-edit', cohort, shownAgain(values), errors, body, status);
    };
    const form = readForm(patchCohortSchema, values, t);
    if (!form.ok) return again(withFeeMessages(form.errors, t));
    try {
      await this.cohorts.update(actorOf(request), cohortId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return again(cohortErrorsOf(error, t), statusOf(error));
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}`);
  }

  @Get('cohorts/:id/sessions/:sessionId')
  async sessionForm(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
  ) {
    const wanted = idOf(sessionId, 'COHORT_SESSION_NOT_FOUND');
    const detail = await this.listings.managedDetail(actorOf(request), idOf(id));
    const session = detail.sessions.find((s) => s.id === wanted);
    if (!session) throw new DomainError('not_found', 'COHORT_SESSION_NOT_FOUND', 'Session not found');
    return this.sessionPage(request, reply, detail.cohort.id, session.id, sessionFormOf(session));
  }

  @Post('cohorts/:id/sessions/:sessionId')
  async editSession(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('sessionId') sessionParam: string,
    @Body() body: unknown,
  ) {
    const [cohortId, sessionId] = [idOf(id), idOf(sessionParam, 'COHORT_SESSION_NOT_FOUND')];
    const t = translatorFor(request.web.locale, 'cohorts');
    const values = sessionFormValues(body);
    const again = (errors: FormErrors, status = 400) =>
      this.sessionPage(request, reply, cohortId, sessionId, shownAgain(values), errors, status);
    const form = readForm(patchSessionSchema, values, t);
    if (!form.ok) return again(form.errors);
    try {
      await this.sessions.update(actorOf(request), cohortId, sessionId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return again(cohortErrorsOf(error, t), statusOf(error));
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}#sessions`);
  }

  @Post('cohorts/:id/sessions/:sessionId/delete')
  async deleteSession(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
  ) {
    const cohortId = idOf(id);
    return this.act(request, reply, cohortId, (c) =>
      this.sessions.remove(actorOf(request), c, idOf(sessionId, 'COHORT_SESSION_NOT_FOUND')),
    );
  }

  /** A status action or a removal: back to the overview, or the overview with the refusal on top. */
  private async act(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    action: (id: string) => Promise<unknown>,
  ) {
    try {
      await action(cohortId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'cohorts'));
      return this.overviewPage(request, reply, cohortId, { errors }, statusOf(error));
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}`);
  }

  private async overviewPage(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    extra: { errors?: FormErrors; sessionForm?: Values } = {},
    status = 200,
  ) {
    const { cohort, sessions, seats, history } = await this.listings.managedDetail(actorOf(request), cohortId);
    const now = Date.now();
    const [county] = (await this.regions.names([cohort.countyCode])).values();
    const data = {
      feeStoreName: await this.formView.collectorName(cohort),
      cohort: { ...cohort, statusKey: `cohorts:status.${cohort.status}`, formatKey: `cohorts:format.${cohort.format}` },
      county,
      requiredLabels: cohort.requiredAssignments.map((key) => `cohorts:assignment.${key}`),
      seats: { ...seats, left: Math.max(0, cohort.capacity - seatsTaken(seats)) },
      sessions: sessions.map((s) => ({
        ...s,
        kindKey: `cohorts:kind.${s.kind}`,
        started: s.startsAt.getTime() <= now,
      })),
      history: history.map((h) => ({ ...h, statusKey: `cohorts:status.${h.toStatus}` })),
      can: {
        open: canCohortTransition(cohort.status, 'open'),
        start: canCohortTransition(cohort.status, 'running'),
        cancel: canCohortTransition(cohort.status, 'cancelled'),
        edit: cohort.status === 'draft' || cohort.status === 'open',
        schedule: cohort.status !== 'finished' && cohort.status !== 'cancelled',
      },
      form: extra.sessionForm ?? { kind: 'class', durationMinutes: 120 },
      kinds: kindChoices(),
    };
    return this.pages.render(request, reply, 'trainer/cohort', data, {
      titleText: cohort.title,
      errors: extra.errors,
      status,
    });
  }

  /** The new-cohort form (`cohort` null) or a cohort's edit form, with the trainer's stores for the fee. */
  private async cohortForm(
    request: WebRequest,
    reply: FastifyReply,
    view: 'trainer/cohorts-new' | 'trainer/cohort-edit',
    cohort: Cohort | null,
    form: Values,
    errors?: FormErrors,
    sent: unknown = {},
    status = errors ? 400 : 200,
  ) {
    const action = cohort ? `/trainer/cohorts/${cohort.id}/edit` : '/trainer/cohorts/new';
    const data = await this.formView.build(
      request.web.locale,
      { cohort, trainerId: cohort?.trainerId ?? actorOf(request).id, action },
      form,
      sent && typeof sent === 'object' ? (sent as Values) : {},
    );
    return this.pages.render(request, reply, view, data, {
      title: cohort ? 'cohorts:edit.title' : 'cohorts:new.title',
      errors,
      status,
    });
  }

  private async sessionPage(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    sessionId: string,
    form: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const cohort = await this.cohorts.manage(actorOf(request), cohortId);
    return this.pages.render(
      request,
      reply,
      'trainer/cohorts-session',
      { cohort, sessionId, form, kinds: kindChoices() },
      { title: 'cohorts:session.title', errors, status },
    );
  }
}
