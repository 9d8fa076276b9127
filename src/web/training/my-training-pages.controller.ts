import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { EnrollmentViews } from '../../modules/training/enrollment-views.service';
import { EnrollmentsService } from '../../modules/training/enrollments.service';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../seller-orders/store-pages';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/** A trainee's cohorts: the list, one cohort's schedule with their own marks, and withdrawing. */
@WebController('training')
@SignedIn()
export class MyTrainingPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly views: EnrollmentViews,
    private readonly enrollments: EnrollmentsService,
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
    const notice = done === 'withdrawn' ? 'enrolment:enrollment.done.withdrawn' : null;
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

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    enrollmentId: string,
    extra: { errors?: FormErrors; notice?: string | null },
    status = 200,
  ) {
    const detail = await this.views.mineDetail(actorOf(request), enrollmentId);
    const { enrollment, cohort } = detail;
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
        hasSeat: enrollment.status !== 'waitlisted' && enrollment.status !== 'withdrawn',
        completed: enrollment.status === 'completed',
        cohortTitle: cohort.title,
        notice: extra.notice ?? null,
      },
      { titleText: cohort.title, errors: extra.errors, status },
    );
  }
}
