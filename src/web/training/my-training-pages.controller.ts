import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { PaymentsService } from '../../modules/payments/payments.service';
import { RefundsService } from '../../modules/payments/refunds.service';
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
import type { Enrollment } from '../../modules/training/entities/enrollment.entity';
import { seatFeeView } from './seat-fee-view';

/** Where a refusal of the consent forms is shown: in the assistance card, not over the withdraw form. */
const ASSISTANCE_FIELD = 'assistance';
const ASSISTANCE_ERRORS = {
  CONSENT_EXISTS: ASSISTANCE_FIELD,
  CONSENT_NOT_FOUND: ASSISTANCE_FIELD,
  TRAINER_NOT_FOUND: ASSISTANCE_FIELD,
};
/** Refusals of a consent change the page shows: next to the card, or over the page (the card is gone). */
const CONSENT_REFUSALS = [...Object.keys(ASSISTANCE_ERRORS), 'ENROLLMENT_NOT_ACTIVE'];
/** A place the trainee may give up: a seat, a seat held for payment, a place in the queue. */
const WITHDRAWABLE = ['enrolled', 'awaiting_payment', 'waitlisted'];
/** Back from Stripe, before its webhook confirmed the payment. */
const PAYING = 'enrolment:enrollment.done.paying';
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
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const mine = await this.views.mine(actorOf(request));
    const items = mine.map((m) => ({
      ...m,
      fee: seatFeeView(m.enrollment),
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
    @Query('redirect_status') stripeReturn?: string,
  ) {
    // Stripe's Payment Element comes back here with `redirect_status`: the seat is the trainee's once its webhook lands.
    const paid = stripeReturn === 'succeeded' || stripeReturn === 'processing' ? PAYING : null;
    const notice = typeof done === 'string' && Object.hasOwn(NOTICES, done) ? NOTICES[done] : paid;
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
    // A seat held for payment is not the trainee's yet: no assignments or store help until it is paid.
    const hasSeat = SEAT_HOLDERS.includes(enrollment.status);
    const fee = seatFeeView(enrollment, await this.seatRefunds(enrollment));
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
        canWithdraw: WITHDRAWABLE.includes(enrollment.status),
        hasSeat,
        fee,
        // What a withdrawal now gives back of a paid fee: all of it before the start, nothing after.
        refundOnWithdraw: fee?.state === 'paid' ? (new Date() < cohort.startsAt ? 'full' : 'none') : null,
        // Consent is offered to a seat holder; a consent already given can always be withdrawn.
        assistance: hasSeat || consent ? { statement: CONSENT_STATEMENT, since: consent?.createdAt ?? null } : null,
        completed: enrollment.status === 'completed',
        cohortTitle: cohort.title,
        // Once the payment is confirmed the fee card says so; "confirming" would be stale.
        notice: extra.notice === PAYING && enrollment.status !== 'awaiting_payment' ? null : (extra.notice ?? null),
      },
      { titleText: cohort.title, errors: extra.errors, status },
    );
  }

  /**
   * What was refunded of the seat's fee: the refunds of its payment's purpose for this enrollment
   * (the payment names its purpose, so the page needs no constant of training's). None unless paid.
   */
  private async seatRefunds(enrollment: Enrollment) {
    if (enrollment.seatPaymentId === null) return [];
    const payment = await this.payments.get(enrollment.seatPaymentId);
    return this.refunds.forReference(payment.purpose, enrollment.id);
  }
}
