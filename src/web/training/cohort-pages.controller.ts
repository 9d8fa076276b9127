import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { RegionsService } from '../../modules/regions/regions.service';
import { CohortsService } from '../../modules/training/cohorts.service';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import { EnrollmentsService, isEnrolmentOpen } from '../../modules/training/enrollments.service';
import { formErrorsOf, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { holdExpired, payPath } from './seat-fee-view';

/** A published cohort for anyone, with the Enrol button (a plain form; a stranger signs in first). */
@WebController('cohorts')
export class CohortPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cohorts: CohortsService,
    private readonly views: EnrollmentViews,
    private readonly enrollments: EnrollmentsService,
    private readonly regions: RegionsService,
    private readonly config: AppConfig,
  ) {}

  @Get(':id')
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('done') done?: string,
  ) {
    const notice = done === 'enrolled' || done === 'waitlisted' ? `enrolment:cohort.done.${done}` : null;
    return this.render(request, reply, idParam(idText), { notice });
  }

  @Post(':id/enrol')
  async enrol(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const cohortId = idParam(idText);
    if (!request.web.user) {
      return this.pages.redirect(reply, `/login?next=${encodeURIComponent(`/cohorts/${cohortId}`)}`);
    }
    try {
      const actor = actorOf(request);
      const enrollment = await this.enrollments.enrol(actor, cohortId, {});
      // A seat of a cohort with a fee is held until paid: straight on to paying for it.
      if (enrollment.status === 'awaiting_payment') {
        return this.pages.redirect(reply, payPath(enrollment.id));
      }
      return this.pages.redirect(reply, `/cohorts/${cohortId}?done=${enrollment.status}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'enrolment'));
      return this.render(request, reply, cohortId, { errors }, 409);
    }
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    extra: { errors?: FormErrors; notice?: string | null },
    status = 200,
  ) {
    const actor = request.web.user ? actorOf(request) : null;
    const cohort = await this.cohorts.getVisible(actor, cohortId);
    const sessions = await this.cohorts.sessions(cohort);
    const seats = await this.views.seats(cohort);
    const mine = actor ? await this.views.activeOf(actor.id, cohort.id) : null;
    const county = await this.regions.placeName(cohort.countyCode);
    return this.pages.render(
      request,
      reply,
      'training/cohort',
      {
        cohort,
        county,
        formatKey: `enrolment:format.${cohort.format}`,
        statusKey: `enrolment:cohortStatus.${cohort.status}`,
        sessions: sessions.map((s) => ({ ...s, kindKey: `enrolment:kind.${s.kind}` })),
        seats,
        full: seats.seatsLeft === 0,
        // A hold past its time is released by the timer; meanwhile the trainee may enrol again.
        mine: mine && holdExpired(mine) ? null : mine,
        holdExpired: mine !== null && holdExpired(mine),
        holdHours: this.config.training.seatHoldHours,
        ownCohort: actor?.id === cohort.trainerId,
        enrolmentOpen: isEnrolmentOpen(cohort, new Date()),
        notice: extra.notice ?? null,
      },
      { titleText: cohort.title, errors: extra.errors, status },
    );
  }
}
