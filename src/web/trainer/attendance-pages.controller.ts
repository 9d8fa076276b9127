import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { AttendanceService } from '../../modules/training/attendance.service';
import { CohortsService } from '../../modules/training/cohorts.service';
import { ATTENDANCE_MARKS, saveAttendanceSchema } from '../../modules/training/training.module';
import { formErrorsOf, formObject, FORM_LEVEL, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/**
 * The attendance sheet: the cohort's sessions, then one phone-sized form per session with a
 * fieldset of four radio buttons per trainee and one Save button (no JavaScript needed).
 */
@WebController('trainer/cohorts/:id')
@SignedIn()
export class AttendancePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cohorts: CohortsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Get('attendance')
  async sessions(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const cohort = await this.cohorts.manage(actorOf(request), idParam(idText));
    const now = new Date();
    const sessions = (await this.cohorts.sessions(cohort)).map((s) => ({ ...s, started: s.startsAt <= now }));
    return this.pages.render(
      request,
      reply,
      'trainer/attendance',
      { cohort, sessions },
      { title: 'enrolment:attendance.title' },
    );
  }

  @Get('sessions/:sessionId/attendance')
  async sheet(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('sessionId') sessionText: string,
    @Query('done') done?: string,
  ) {
    const notice = done === 'saved' ? 'enrolment:attendance.done.saved' : null;
    return this.render(request, reply, idParam(idText), idParam(sessionText), { notice });
  }

  /** `mark.<enrollmentId>` = present | late | excused | absent; trainees left blank keep their mark. */
  @Post('sessions/:sessionId/attendance')
  async save(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') idText: string,
    @Param('sessionId') sessionText: string,
    @Body() body: unknown,
  ) {
    const cohortId = idParam(idText);
    const sessionId = idParam(sessionText);
    const t = translatorFor(request.web.locale, 'enrolment');
    const chosen = formObject(body).mark;
    const marks = Object.entries(chosen && typeof chosen === 'object' ? chosen : {}).map(([enrollmentId, mark]) => ({
      enrollmentId,
      mark,
    }));
    const parsed = saveAttendanceSchema.safeParse({ marks });
    if (!parsed.success) {
      const errors = { [FORM_LEVEL]: [t(marks.length ? 'errors:form.invalid' : 'enrolment:attendance.chooseOne')] };
      return this.render(request, reply, cohortId, sessionId, { errors, ticked: chosen }, 400);
    }
    try {
      await this.attendance.save(actorOf(request), cohortId, sessionId, parsed.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const status = error.kind === 'conflict' ? 409 : 400;
      // What the trainer ticked comes back ticked: a refused save must not cost them the whole sheet.
      const errors = formErrorsOf(error, t);
      return this.render(request, reply, cohortId, sessionId, { errors, ticked: chosen }, status);
    }
    return this.pages.redirect(reply, `/trainer/cohorts/${cohortId}/sessions/${sessionId}/attendance?done=saved`);
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    cohortId: string,
    sessionId: string,
    extra: { errors?: FormErrors; notice?: string | null; ticked?: unknown },
    status = 200,
  ) {
    const sheet = await this.attendance.sheet(actorOf(request), cohortId, sessionId);
    const ticked = extra.ticked && typeof extra.ticked === 'object' ? (extra.ticked as Record<string, unknown>) : {};
    const rows = sheet.rows.map((r) => {
      const shown = ticked[r.enrollment.id] ?? r.mark;
      return {
        ...r,
        id: r.enrollment.id,
        choices: ATTENDANCE_MARKS.map((mark) => ({ mark, key: `enrolment:mark.${mark}`, checked: shown === mark })),
      };
    });
    return this.pages.render(
      request,
      reply,
      'trainer/attendance-sheet',
      { cohort: sheet.cohort, session: sheet.session, editable: sheet.editable, rows, notice: extra.notice ?? null },
      { title: 'enrolment:attendance.sheet', errors: extra.errors, status },
    );
  }
}
