import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { mainlandPhoneSchema } from '../../common/http/contact.schemas';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import { EnrollmentsService } from '../../modules/training/enrollments.service';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

const enrolByPhoneForm = z.object({
  phone: mainlandPhoneSchema,
  displayName: z.string().max(60).optional(),
});

/** A cohort's trainees and waitlist for its trainer: enrol by phone number, withdraw someone. */
@WebController('trainer/cohorts/:id/enrollments')
@SignedIn()
export class EnrollmentPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly views: EnrollmentViews,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @Get()
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('done') done?: string,
  ) {
    const notice = done === 'added' || done === 'withdrawn' ? `enrolment:roster.done.${done}` : null;
    return this.render(request, reply, idParam(idText), { notice });
  }

  @Post()
  async add(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Body() body: unknown,
  ) {
    const cohortId = idParam(idText);
    const t = translatorFor(request.web.locale, 'enrolment');
    const form = readForm(enrolByPhoneForm, body, t);
    if (!form.ok) return this.render(request, reply, cohortId, { errors: form.errors, form: form.values }, 400);
    try {
      await this.enrollments.enrol(actorOf(request), cohortId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      const errors = formErrorsOf(error, t, { ALREADY_ENROLLED: 'phone', TRAINER_CANNOT_ENROL: 'phone' });
      return this.render(request, reply, cohortId, { errors, form: form.data }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/enrollments?done=added`);
  }

  @Post(':enrollmentId/withdraw')
  async withdraw(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('enrollmentId') enrollmentText: string,
  ) {
    const cohortId = idParam(idText);
    // The roster first: someone who does not manage this cohort gets its 404, not the enrollment's.
    const roster = await this.views.roster(actorOf(request), cohortId);
    const enrollmentId = idParam(enrollmentText);
    if (!roster.entries.some((e) => e.enrollment.id === enrollmentId)) throw new NotFoundException();
    try {
      await this.enrollments.withdraw(actorOf(request), enrollmentId, null);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'enrolment'));
      return this.render(request, reply, cohortId, { errors }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/enrollments?done=withdrawn`);
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    extra: { errors?: FormErrors; form?: object; notice?: string | null },
    status = 200,
  ) {
    const roster = await this.views.roster(actorOf(request), cohortId);
    const rows = roster.entries.map((e) => ({
      ...e,
      ...e.enrollment,
      statusKey: `enrolment:status.${e.enrollment.status}`,
    }));
    return this.pages.render(
      request,
      reply,
      'trainer/enrollments',
      {
        cohort: roster.cohort,
        summary: {
          enrolled: roster.enrolledCount,
          awaitingPayment: roster.awaitingPaymentCount,
          waitlisted: roster.waitlistLength,
          capacity: roster.cohort.capacity,
        },
        // Held seats (awaiting payment) count as taken: they are listed with the seats, with their deadline.
        seated: rows.filter((r) => r.status !== 'waitlisted' && r.status !== 'withdrawn'),
        waiting: rows.filter((r) => r.status === 'waitlisted'),
        withdrawn: rows.filter((r) => r.status === 'withdrawn'),
        form: extra.form ?? {},
        notice: extra.notice ?? null,
      },
      { title: 'enrolment:roster.title', errors: extra.errors, status },
    );
  }
}
