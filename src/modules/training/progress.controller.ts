import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { cohortIdParamSchema } from './dto/cohort.dto';
import { progressBoardResponseSchema, toProgressBoardResponse } from './dto/progress.response';
import { progressCsv } from './progress-csv';
import { ProgressService } from './progress.service';

type CohortParams = z.infer<typeof cohortIdParamSchema>;

/** A cohort's progress board for its trainer, as JSON or as a spreadsheet. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('cohorts/:id')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('progress')
  @ApiResult(200, progressBoardResponseSchema, [400, 401, 404])
  async board(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    return toProgressBoardResponse(await this.progress.board(actor, params.id));
  }

  /** UTF-8 with a BOM (Excel shows the Chinese names), amounts in yuan. */
  @Get('progress.csv')
  @ApiProduces('text/csv')
  @ApiResult(200, z.string(), [400, 401, 404])
  async csv(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: CohortParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const board = await this.progress.board(actor, params.id);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cohort-${board.cohort.id}-progress.csv"`)
      .header('cache-control', 'private, no-store');
    return progressCsv(board);
  }
}
