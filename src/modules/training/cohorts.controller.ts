import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CohortsService } from './cohorts.service';
import {
  cohortIdParamSchema,
  CreateCohortDto,
  createCohortSchema,
  CreateSessionDto,
  createSessionSchema,
} from './dto/cohort.dto';
import {
  cohortResponseSchema,
  sessionResponseSchema,
  toCohortResponse,
  toSessionResponse,
} from './dto/cohort.response';

type CohortParams = z.infer<typeof cohortIdParamSchema>;

/** A trainer's cohorts and their sessions. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  /** A trainer creates a cohort as a draft. */
  @Post()
  @ApiResult(201, cohortResponseSchema, [400, 401, 403])
  async create(@CurrentActor() actor: Actor, @Body({ schema: createCohortSchema }) body: CreateCohortDto) {
    return toCohortResponse(await this.cohorts.create(actor, body));
  }

  @Post(':id/open')
  @ApiResult(201, cohortResponseSchema, [400, 401, 404, 409])
  async open(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    return toCohortResponse(await this.cohorts.open(actor, params.id));
  }

  @Post(':id/start')
  @ApiResult(201, cohortResponseSchema, [400, 401, 404, 409])
  async start(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    return toCohortResponse(await this.cohorts.start(actor, params.id));
  }

  @Post(':id/sessions')
  @ApiResult(201, sessionResponseSchema, [400, 401, 404, 409])
  async addSession(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: CohortParams,
    @Body({ schema: createSessionSchema }) body: CreateSessionDto,
  ) {
    return toSessionResponse(await this.cohorts.addSession(actor, params.id, body));
  }

  /** A published cohort's sessions, for anyone (the trainer reads a draft's through the cohort). */
  @Public()
  @Get(':id/sessions')
  @ApiResult(200, z.object({ items: z.array(sessionResponseSchema) }), [400, 404])
  async sessions(@Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    const cohort = await this.cohorts.getVisible(null, params.id);
    return { items: (await this.cohorts.sessions(cohort)).map(toSessionResponse) };
  }
}
