import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import type { Actor } from '../../common/auth/auth.decorators';
import { AssistanceService } from '../../modules/sellers/assistance.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { AssignmentsService } from '../../modules/training/assignments.service';
import { progressCsv } from '../../modules/training/training.module';
import { ProgressService } from '../../modules/training/progress.service';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { actionShown, assignmentShown } from './progress-view';
import { actorOf, idParam } from '../session/page-actor';

const assignmentForm = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  required: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});
const markForm = z.object({ note: z.string().trim().max(500).optional() });
/** A built-in key or a custom assignment's id, as the mark forms post them. */
const assignmentKey = (value: string) => {
  if (!/^[a-z_]{1,40}$|^[0-9a-f-]{36}$/i.test(value)) throw new NotFoundException();
  return value;
};
/**
 * A trainer's progress pages: the board (a card per trainee, totals on top, the CSV), one
 * trainee's assignments with evidence and the trainer's actions for them, and the trainer's
 * own assignments. Access is the services' (CohortAccess): anyone else gets "not found".
 */
@WebController('trainer/cohorts/:id')
@SignedIn()
export class ProgressPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly progress: ProgressService,
    private readonly assignments: AssignmentsService,
    private readonly assistance: AssistanceService,
    private readonly sellers: SellersService,
  ) {}

  @Get('progress')
  async board(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('done') done?: string,
  ) {
    const board = await this.progress.board(actorOf(request), idParam(idText));
    const t = translatorFor(request.web.locale, 'progress');
    return this.pages.render(
      request,
      reply,
      'trainer/progress',
      {
        cohort: { id: board.cohort.id, title: board.cohort.title },
        totals: board.totals,
        trainees: board.trainees.map((tr) => ({
          enrollmentId: tr.enrollment.id,
          name: tr.name,
          statusKey: `progress:status.${tr.enrollment.status}`,
          attended: tr.attended,
          held: board.sessionsHeld,
          gmvFen: tr.gmvFen,
          firstSaleAt: tr.firstSaleAt,
          done: tr.assignments.filter((a) => a.completion).length,
          total: tr.assignments.length,
          assignments: tr.assignments.map((a) => assignmentShown(a, t)),
        })),
        notice: done === 'left' ? 'progress:board.traineeLeft' : null,
      },
      { title: 'progress:board.title' },
    );
  }

  /** The board as a spreadsheet, its headers and statuses in the page's language. */
  @Get('progress.csv')
  async csv(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const board = await this.progress.board(actorOf(request), idParam(idText));
    const t = translatorFor(request.web.locale, 'progress');
    const csv = progressCsv(board, {
      columns: {
        name: t('csv.name'),
        status: t('csv.status'),
        attended: t('csv.attended'),
        sessionsHeld: t('csv.sessionsHeld'),
        gmvYuan: t('csv.gmvYuan'),
        firstSaleDate: t('csv.firstSaleDate'),
        trainerActions: t('csv.trainerActions'),
      },
      assignment: (a) => (a.kind === 'builtin' ? t(`builtin.${a.key}`) : (a.title ?? a.key)),
      status: (s) => t(`status.${s}`),
    });
    return reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cohort-${board.cohort.id}-progress.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  }

  @Get('enrollments/:enrollmentId/progress')
  async trainee(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('enrollmentId') enrollmentText: string,
    @Query('done') done?: string,
  ) {
    return this.renderTrainee(request, reply, idParam(idText), idParam(enrollmentText), {
      notice: done === 'marked' || done === 'unmarked' ? done : null,
    });
  }

  @Post('enrollments/:enrollmentId/assignments/:aid/mark')
  async mark(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('enrollmentId') enrollmentText: string,
    @Param('aid') aid: string,
    @Body() body: unknown,
  ) {
    const [cohortId, enrollmentId] = [idParam(idText), idParam(enrollmentText)];
    const t = translatorFor(request.web.locale, 'progress');
    const form = readForm(markForm, body, t);
    if (!form.ok) return this.renderTrainee(request, reply, cohortId, enrollmentId, { errors: form.errors }, 400);
    return this.changeMark(request, reply, cohortId, enrollmentId, 'marked', () =>
      this.assignments.mark(actorOf(request), enrollmentId, assignmentKey(aid), form.data.note),
    );
  }

  @Post('enrollments/:enrollmentId/assignments/:aid/unmark')
  async unmark(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('enrollmentId') enrollmentText: string,
    @Param('aid') aid: string,
  ) {
    const [cohortId, enrollmentId] = [idParam(idText), idParam(enrollmentText)];
    return this.changeMark(request, reply, cohortId, enrollmentId, 'unmarked', () =>
      this.assignments.unmark(actorOf(request), enrollmentId, assignmentKey(aid)),
    );
  }

  @Get('assignments')
  async manage(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Query('done') done?: string,
  ) {
    return this.renderManage(request, reply, idParam(idText), {
      notice: done === 'added' || done === 'removed' ? `progress:manage.${done}` : null,
    });
  }

  @Post('assignments')
  async add(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Body() body: unknown,
  ) {
    const cohortId = idParam(idText);
    const t = translatorFor(request.web.locale, 'progress');
    const form = readForm(assignmentForm, body, t);
    if (!form.ok) return this.renderManage(request, reply, cohortId, { errors: form.errors, form: form.values }, 400);
    try {
      await this.assignments.create(actorOf(request), cohortId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return this.renderManage(request, reply, cohortId, { errors: formErrorsOf(error, t), form: form.data }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/assignments?done=added`);
  }

  @Post('assignments/:aid/delete')
  async remove(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('aid') aidText: string,
  ) {
    const cohortId = idParam(idText);
    try {
      await this.assignments.remove(actorOf(request), cohortId, idParam(aidText));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'progress'));
      return this.renderManage(request, reply, cohortId, { errors }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/assignments?done=removed`);
  }

  private async changeMark(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    enrollmentId: string,
    done: 'marked' | 'unmarked',
    change: () => Promise<unknown>,
  ) {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      // The trainee left while the page was open: their page is gone from the board, so is the mark.
      if (error.code === 'ENROLLMENT_NOT_ACTIVE') {
        return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/progress?done=left`);
      }
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'progress'));
      return this.renderTrainee(request, reply, cohortId, enrollmentId, { errors }, 409);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/progress?done=${done}`);
  }

  private async renderTrainee(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    enrollmentId: string,
    extra: { errors?: FormErrors; notice?: string | null },
    status = 200,
  ) {
    const actor = actorOf(request);
    const { board, trainee } = await this.progress.trainee(actor, cohortId, enrollmentId);
    const t = translatorFor(request.web.locale, 'progress');
    const assisted = await this.assisted(actor, board.cohort.trainerId, trainee.enrollment.traineeId);
    return this.pages.render(
      request,
      reply,
      'trainer/progress-trainee',
      {
        cohort: { id: board.cohort.id, title: board.cohort.title },
        trainee: {
          enrollmentId: trainee.enrollment.id,
          name: trainee.name,
          statusKey: `progress:status.${trainee.enrollment.status}`,
          attended: trainee.attended,
          held: board.sessionsHeld,
          gmvFen: trainee.gmvFen,
          firstSaleAt: trainee.firstSaleAt,
          path: `/trainer/cohorts/${board.cohort.id}/enrollments/${trainee.enrollment.id}`,
        },
        assignments: trainee.assignments.map((a) => assignmentShown(a, t)),
        assisted,
        actions: trainee.trainerActions.map((a) => ({ label: actionShown(a.action, t), at: a.at })),
        notice: extra.notice ? `progress:trainee.${extra.notice}` : null,
      },
      { titleText: trainee.name, errors: extra.errors, status },
    );
  }

  /**
   * Whether the trainee consented to the cohort's trainer, and for that trainer (an admin
   * viewing cannot act on it) the way on: apply for the store, or manage the stores they own.
   */
  private async assisted(actor: Actor, trainerId: string, traineeId: string) {
    const consent = await this.assistance.activeConsent(traineeId, trainerId);
    if (!consent || actor.id !== trainerId) return { since: consent?.createdAt ?? null, canAct: false, stores: [] };
    // listManaged includes the stores of trainees who consented to this trainer.
    const stores = (await this.sellers.listManaged(actor)).filter((s) => s.ownerId === traineeId);
    return {
      since: consent.createdAt,
      canAct: true,
      stores: stores.map((s) => ({
        id: s.id,
        displayName: s.displayName,
        statusKey: `seller:storeStatus_${s.status}`,
      })),
      traineeId,
    };
  }

  private async renderManage(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    extra: { errors?: FormErrors; form?: object; notice?: string | null },
    status = 200,
  ) {
    const actor = actorOf(request);
    const list = await this.assignments.list(actor, cohortId);
    const t = translatorFor(request.web.locale, 'progress');
    return this.pages.render(
      request,
      reply,
      'trainer/assignments',
      {
        cohort: { id: cohortId },
        builtins: list
          .filter((a) => a.kind === 'builtin')
          .map((a) => ({ name: t(`builtin.${a.key}`), required: a.required })),
        customs: list.filter((a) => a.kind === 'custom'),
        form: extra.form ?? {},
        notice: extra.notice ?? null,
      },
      { title: 'progress:manage.title', errors: extra.errors, status },
    );
  }
}
