import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { PageQuery, pageQuerySchema } from '../../common/http/pagination';
import { CohortListingsService } from './cohort-listings.service';
import { cohortIdParamSchema } from './dto/cohort.dto';
import {
  cohortPageSchema,
  toCohortResponse,
  toTrainerCohortDetailResponse,
  trainerCohortDetailResponseSchema,
} from './dto/cohort.response';

/** A trainer's own cohorts, drafts and cancelled ones included. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('trainer/cohorts')
export class TrainerCohortsController {
  constructor(private readonly listings: CohortListingsService) {}

  /** The caller's cohorts, newest first. */
  @Get()
  @ApiResult(200, cohortPageSchema, [400, 401, 403])
  async list(@CurrentActor() actor: Actor, @Query({ schema: pageQuerySchema }) query: PageQuery) {
    const page = await this.listings.listOwn(actor, query);
    return { items: page.items.map(toCohortResponse), nextCursor: page.nextCursor };
  }

  /** One of them, any status, with sessions, seats and the status history. */
  @Get(':id')
  @ApiResult(200, trainerCohortDetailResponseSchema, [400, 401, 404])
  async detail(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: z.infer<typeof cohortIdParamSchema>,
  ) {
    const { cohort, sessions, seats, history } = await this.listings.managedDetail(actor, params.id);
    return toTrainerCohortDetailResponse(cohort, sessions, seats, history);
  }
}
