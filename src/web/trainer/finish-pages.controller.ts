import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TFunction } from 'i18next';
import { DomainError } from '../../common/errors/domain-error';
import { CertificatesService } from '../../modules/training/certificates.service';
import { CohortFinishing } from '../../modules/training/cohort-finishing.service';
import { CohortsService } from '../../modules/training/cohorts.service';
import { groupedCode, revokeCertificateSchema } from '../../modules/training/training.module';
import { errorMessage, formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

const NS = 'certificates';

/** A revoke form sent back: which certificate's form, what was typed, and why it was refused. */
interface RevokeFailure {
  id: string;
  reason: string;
  message: string;
}

/**
 * The trainer's last step (docs/training.md, "Finishing and certificates"): while the cohort
 * runs, who would complete and what each one lacks, and the confirm form; once finished, its
 * certificates with a revoke form each. The services decide who may: anyone else gets the 404 page.
 */
@WebController('trainer/cohorts/:id')
@SignedIn()
export class FinishPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cohorts: CohortsService,
    private readonly finishing: CohortFinishing,
    private readonly certificates: CertificatesService,
  ) {}

  @Get('finish')
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idValue: string,
    @Query('done') done?: string,
  ) {
    const notice = done === 'finished' || done === 'revoked' ? `certificates:finish.done.${done}` : null;
    return this.render(request, reply, idParam(idValue), { notice });
  }

  @Post('finish')
  async finish(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idValue: string) {
    const cohortId = idParam(idValue);
    try {
      await this.finishing.finish(actorOf(request), cohortId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, NS));
      return this.render(request, reply, cohortId, { errors }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/finish?done=finished`);
  }

  @Post('certificates/:certificateId/revoke')
  async revoke(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idValue: string,
    @Param('certificateId') certificateValue: string,
    @Body() body: unknown,
  ) {
    const cohortId = idParam(idValue);
    const certificateId = idParam(certificateValue);
    const t = translatorFor(request.web.locale, NS);
    const form = readForm(revokeCertificateSchema, body, t);
    if (!form.ok) {
      const failed = {
        id: certificateId,
        reason: String(form.values.reason ?? ''),
        message: firstMessage(form.errors, t),
      };
      return this.render(request, reply, cohortId, { failed }, 400);
    }
    try {
      await this.certificates.revoke(actorOf(request), certificateId, form.data.reason);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const failed = { id: certificateId, reason: form.data.reason, message: errorMessage(t, error.code) };
      return this.render(request, reply, cohortId, { failed }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/finish?done=revoked`);
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    extra: { notice?: string | null; errors?: FormErrors; failed?: RevokeFailure },
    status = 200,
  ) {
    const actor = actorOf(request);
    const cohort = await this.cohorts.manage(actor, cohortId);
    const running = cohort.status === 'running';
    const finished = cohort.status === 'finished';
    const preview = running ? await this.finishing.preview(actor, cohortId) : null;
    const certificates = finished ? await this.certificates.ofCohort(actor, cohortId) : [];
    return this.pages.render(
      request,
      reply,
      'trainer/finish',
      {
        cohort: { id: cohort.id, title: cohort.title, statusKey: `certificates:cohortStatus.${cohort.status}` },
        running,
        finished,
        preview: preview && {
          sessions: preview.sessions,
          minSessionsAttended: cohort.minSessionsAttended,
          waitlisted: preview.waitlisted,
          completing: preview.trainees.filter((t) => t.verdict.completed).length,
          trainees: preview.trainees.map((t) => ({
            name: t.name,
            attended: t.verdict.attended,
            completes: t.verdict.completed,
            shortfalls: t.verdict.shortfalls.map((s) =>
              s.kind === 'sessions'
                ? { key: 'certificates:shortfall.sessions', attended: s.attended, required: s.required }
                : s.kind === 'assignment'
                  ? { key: 'certificates:shortfall.assignment', nameKey: `certificates:assignments.${s.assignment}` }
                  : { key: 'certificates:shortfall.custom', title: s.title },
            ),
          })),
        },
        certificates: certificates.map(({ certificate: c }) => ({
          id: c.id,
          holderName: c.holderName,
          code: groupedCode(c.code),
          verifyPath: `/certificates/verify/${c.code}`,
          issuedAt: c.issuedAt,
          revoked: c.revokedAt !== null,
          revokedAt: c.revokedAt,
          revokedReason: c.revokedReason,
          failed: extra.failed?.id === c.id ? extra.failed : null,
        })),
        notice: extra.notice ?? null,
      },
      { title: 'certificates:finish.title', errors: extra.errors, status },
    );
  }
}

function firstMessage(errors: FormErrors, t: TFunction): string {
  return Object.values(errors)[0]?.[0] ?? t('errors:form.invalid');
}
