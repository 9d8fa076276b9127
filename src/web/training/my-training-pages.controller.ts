import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { AssistanceService } from '../../modules/sellers/assistance.service';
import { CONSENT_STATEMENT } from '../../modules/sellers/sellers.module';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import { EnrollmentsService } from '../../modules/training/enrollments.service';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { SEAT_HOLDERS } from '../../modules/training/training.module';

/** Where a refusal of the consent forms is shown: in the assistance card, not over the withdraw form. */
const ASSISTANCE_FIELD = 'assistance';
const ASSISTANCE_ERRORS = {
  CONSENT_EXISTS: ASSISTANCE_FIELD,
  CONSENT_NOT_FOUND: ASSISTANCE_FIELD,
  TRAINER_NOT_FOUND: ASSISTANCE_FIELD,
};
/** Refusals of a consent change the page shows: next to the card, or over the page (the card is gone). */
const CONSENT_REFUSALS = [...Object.keys(ASSISTANCE_ERRORS), 'ENROLLMENT_NOT_ACTIVE'];
const NOTICES: Record<string, string> = {
  withdrawn: 'enrolment:enrollment.done.withdrawn',
  consented: 'enrolment:assistance.done.consented',
  consentWithdrawn: 'enrolment:assistance.done.withdrawn',
};

/**
 * A trainee's cohorts: the list, one cohort's schedule with their own marks, withdrawing, and
 * the consent that the cohort's trainer may open and manage a store for them (assisted onboarding).
 */
@WebController('training')
@SignedIn()
export class MyTrainingPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly views: EnrollmentViews,
    private readonly enrollments: EnrollmentsService,
    private readonly assistance: AssistanceService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const mine = await this.views.mine(actorOf(request));
    const items = mine.map((m) => ({
      ...m,
      statusKey: `enrolment:status.${m.enrollment.status}`,
      cohortStatusKey: `enrolment:cohortStatus.${m.cohort.status}`,
    }));
    return this.pages.render(request, reply, 'training/my-training', { items }, { title: 'enrolment:mine.title' });
  }

  @Get('enrollments/:id')
  async detail(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('done') done?: string,
  ) {
    const notice = typeof done === 'string' && Object.hasOwn(NOTICES, done) ? NOTICES[done] : null;
    return this.render(request, reply, idParam(idText), { notice });
  }

  /** Without JavaScript the confirmation is a checkbox the person ticks before the button counts. */
  @Post('enrollments/:id/withdraw')
  async withdraw(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Body() body: unknown,
  ) {
    const enrollmentId = idParam(idText);
    const t = translatorFor(request.web.locale, 'enrolment');
    if (formObject(body).confirm !== 'yes') {
      return this.render(request, reply, enrollmentId, { errors: { confirm: [t('enrolment:confirmRequired')] } }, 400);
    }
    try {
      await this.enrollments.withdraw(actorOf(request), enrollmentId, null);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      return this.render(request, reply, enrollmentId, { errors: formErrorsOf(error, t) }, 409);
    }
    return this.pages.redirect(reply, `/training/enrollments/${enrollmentId}?done=withdrawn`);
  }

  /** The trainee consents that THIS cohort's trainer may open and manage a store for them. */
  @Post('enrollments/:id/assistance')
  async consent(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const enrollmentId = idParam(idText);
    return this.changeConsent(request, reply, enrollmentId, 'consented', (actor, trainerId) =>
      this.assistance.consent(actor.id, trainerId),
    );
  }

  @Post('enrollments/:id/assistance/withdraw')
  async withdrawConsent(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const enrollmentId = idParam(idText);
    return this.changeConsent(request, reply, enrollmentId, 'consentWithdrawn', (actor, trainerId) =>
      this.assistance.withdraw(actor.id, trainerId),
    );
  }

  private async changeConsent(
    request: WebRequest,
    reply: FastifyReply,
    enrollmentId: string,
    done: string,
    change: (actor: Actor, trainerId: string) => Promise<unknown>,
  ) {
    const actor = actorOf(request);
    // The trainer is the enrollment's cohort's, read here: the form names no one.
    const { enrollment, cohort } = await this.views.mineDetail(actor, enrollmentId);
    try {
      // Consent is offered to a trainee holding a seat; withdrawing it is always possible.
      if (done === 'consented' && !SEAT_HOLDERS.includes(enrollment.status)) {
        throw new DomainError(
          'conflict',
          'ENROLLMENT_NOT_ACTIVE',
          'Only a trainee holding a seat asks the trainer for help',
        );
      }
      await change(actor, cohort.trainerId);
    } catch (error) {
      if (!(error instanceof DomainError) || !CONSENT_REFUSALS.includes(error.code)) throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'enrolment'), ASSISTANCE_ERRORS);
      return this.render(request, reply, enrollmentId, { errors }, 409);
    }
    return this.pages.redirect(reply, `/training/enrollments/${enrollmentId}?done=${done}`);
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    enrollmentId: string,
    extra: { errors?: FormErrors; notice?: string | null },
    status = 200,
  ) {
    const actor = actorOf(request);
    const detail = await this.views.mineDetail(actor, enrollmentId);
    const { enrollment, cohort } = detail;
    const consent = await this.assistance.activeConsent(actor.id, cohort.trainerId);
    const hasSeat = enrollment.status !== 'waitlisted' && enrollment.status !== 'withdrawn';
    return this.pages.render(
      request,
      reply,
      'training/enrollment',
      {
        ...detail,
        statusKey: `enrolment:status.${enrollment.status}`,
        sessions: detail.sessions.map((s) => ({
          ...s.session,
          kindKey: `enrolment:kind.${s.session.kind}`,
          markKey: `enrolment:mark.${s.mark ?? 'none'}`,
        })),
        canWithdraw: enrollment.status === 'enrolled' || enrollment.status === 'waitlisted',
        hasSeat,
        // Consent is offered to a seat holder; a consent already given can always be withdrawn.
        assistance: hasSeat || consent ? { statement: CONSENT_STATEMENT, since: consent?.createdAt ?? null } : null,
        completed: enrollment.status === 'completed',
        cohortTitle: cohort.title,
        notice: extra.notice ?? null,
      },
      { titleText: cohort.title, errors: extra.errors, status },
    );
  }
}
