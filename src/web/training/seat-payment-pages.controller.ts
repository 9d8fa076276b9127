import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { toBankTransfer } from '../../modules/payments/payments.module';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import { SeatPayments } from '../../modules/training/seat-payments.service';
import { paySeatSchema, SEAT_PAYMENT_METHODS, type SeatPaymentMethod } from '../../modules/training/training.module';
import { readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { stripeCheckoutCsp } from '../shopping/stripe-csp';
import { WebController } from '../web-controller.decorator';
import { holdExpired, payPath } from './seat-fee-view';

/** Payments the trainee may still pay (a transfer awaited, a card payment not yet confirmed). */
const OPEN = ['requires_payment', 'processing'];

interface PayPageOptions {
  /** The method just chosen: its payment is shown (Stripe's element only then). */
  chosen?: string;
  errors?: FormErrors;
  /** The API said the hold ran out (SEAT_HOLD_EXPIRED), whatever the clock here says. */
  expired?: boolean;
  status?: number;
}

/**
 * Paying for a held seat (`awaiting_payment`), the trainee's own only: the cohort, the amount,
 * how long the seat is held, and the methods SeatPayments offers. Choosing one makes (or finds)
 * its payment and comes back here showing it: the bank-transfer instructions, or Stripe's Payment
 * Element (its return is the enrollment page). A seat no longer held goes to the enrollment page.
 */
@WebController('training/enrollments/:id/pay')
@SignedIn()
export class SeatPaymentPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly views: EnrollmentViews,
    private readonly seatPayments: SeatPayments,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('method') method?: unknown,
  ) {
    return this.render(request, reply, idParam(idText), { chosen: typeof method === 'string' ? method : undefined });
  }

  @Post()
  async pay(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Body() body: unknown,
  ) {
    const enrollmentId = idParam(idText);
    const t = translatorFor(request.web.locale, 'enrolment');
    const form = readForm(paySeatSchema, body, t);
    if (!form.ok || !this.methods().includes(form.data.paymentMethod)) {
      return this.render(request, reply, enrollmentId, {
        errors: { paymentMethod: [t('errors:form.choose')] },
        status: 400,
      });
    }
    const method = form.data.paymentMethod;
    try {
      await this.seatPayments.pay(actorOf(request), enrollmentId, method);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'SEAT_NOT_AWAITING_PAYMENT') return this.toEnrollment(reply, enrollmentId);
      if (error.code === 'SEAT_HOLD_EXPIRED') {
        return this.render(request, reply, enrollmentId, { expired: true, status: 409 });
      }
      if (error.code !== 'PAYMENT_METHOD_UNAVAILABLE') throw error;
      const errors = { paymentMethod: [t('enrolment:codes.PAYMENT_METHOD_UNAVAILABLE')] };
      return this.render(request, reply, enrollmentId, { errors, status: 409 });
    }
    // Back to the page by GET: a reload shows the same payment (SeatPayments.pay finds it again).
    return this.pages.redirect(reply, `${payPath(enrollmentId)}?method=${method}`);
  }

  private async render(request: WebRequest, reply: FastifyReply, enrollmentId: string, options: PayPageOptions) {
    const actor = actorOf(request);
    // Someone else's enrollment is ENROLLMENT_NOT_FOUND: the 404 page.
    const { enrollment, cohort } = await this.views.mineDetail(actor, enrollmentId);
    if (enrollment.status !== 'awaiting_payment') return this.toEnrollment(reply, enrollmentId);
    const base = { enrollment, cohort };
    const title = { title: 'enrolment:pay.title' };
    if (options.expired || holdExpired(enrollment)) {
      return this.pages.render(
        request,
        reply,
        'training/pay',
        { ...base, expired: true },
        {
          ...title,
          status: options.status ?? 200,
        },
      );
    }
    const view = await this.seatPayments.ofTrainee(actor, enrollmentId);
    const open = view.payments.filter((p) => OPEN.includes(p.payment.status));
    const methods = this.methods();
    const card =
      options.chosen === 'stripe' && methods.includes('stripe')
        ? open.find((p) => p.payment.method === 'stripe' && p.clientSecret)
        : undefined;
    const transfer = card
      ? null
      : toBankTransfer(
          open.map((p) => p.payment),
          view.bankTransferAccount,
        );
    const checked = options.chosen ?? (transfer ? 'bank_transfer' : methods[0]);
    const data = {
      ...base,
      transfer,
      stripe: card ? { clientSecret: card.clientSecret, publishableKey: this.config.stripe?.publishableKey } : null,
      methods: methods.map((method) => ({
        method,
        labelKey: `enrolment:pay.method.${method}`,
        hintKey: `enrolment:pay.methodHint.${method}`,
        checked: method === checked,
      })),
    };
    return this.pages.render(request, reply, 'training/pay', data, {
      ...title,
      errors: options.errors,
      status: options.status ?? 200,
      ...(card ? { csp: stripeCheckoutCsp() } : {}),
    });
  }

  /** What this site offers for a seat: SeatPayments' methods, Stripe only with a publishable key for its element. */
  private methods(): SeatPaymentMethod[] {
    return SEAT_PAYMENT_METHODS.filter(
      (method) =>
        this.seatPayments.offers(method) && (method !== 'stripe' || Boolean(this.config.stripe?.publishableKey)),
    );
  }

  private toEnrollment(reply: FastifyReply, enrollmentId: string) {
    return this.pages.redirect(reply, `/training/enrollments/${enrollmentId}`);
  }
}
