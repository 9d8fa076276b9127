import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AssignmentsService } from '../../modules/training/assignments.service';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { assignmentShown } from '../trainer/progress-view';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/** A trainee's own assignments in a cohort, with what each rests on; anyone else's is "not found". */
@WebController('training/enrollments')
@SignedIn()
export class AssignmentPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly assignments: AssignmentsService,
  ) {}

  @Get(':id/assignments')
  async mine(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idText: string) {
    const { cohort, states } = await this.assignments.mine(actorOf(request), idParam(idText));
    const t = translatorFor(request.web.locale, 'progress');
    return this.pages.render(
      request,
      reply,
      'training/assignments',
      { cohort: { id: cohort.id, title: cohort.title }, assignments: states.map((a) => assignmentShown(a, t)) },
      { title: 'progress:mine.title' },
    );
  }
}
