import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CohortListingsService } from './cohort-listings.service';
import { CohortSessionsService } from './cohort-sessions.service';
import { CohortsService } from './cohorts.service';
import {
  CancelCohortDto,
  cancelCohortSchema,
  cohortIdParamSchema,
  CohortListQuery,
  cohortListQuerySchema,
  CreateCohortDto,
  createCohortSchema,
  CreateSessionDto,
  createSessionSchema,
  PatchCohortDto,
  patchCohortSchema,
  PatchSessionDto,
  patchSessionSchema,
  sessionParamSchema,
} from './dto/cohort.dto';
import {
  cohortDetailResponseSchema,
  cohortPageSchema,
  cohortResponseSchema,
  publicSessionResponseSchema,
  sessionResponseSchema,
  toCohortDetailResponse,
  toCohortResponse,
  toPublicSessionResponse,
  toSessionResponse,
} from './dto/cohort.response';

type CohortParams = z.infer<typeof cohortIdParamSchema>;
type SessionParams = z.infer<typeof sessionParamSchema>;

/** Cohorts: the public list and page, and a trainer's changes to their own. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly sessionsOf: CohortSessionsService,
    private readonly listings: CohortListingsService,
  ) {}

  /** Open and running cohorts, soonest start first. */
  @Public()
  @Get()
  @ApiResult(200, cohortPageSchema, [400])
  async list(@Query({ schema: cohortListQuerySchema }) query: CohortListQuery) {
    const page = await this.listings.listPublic(query);
    return { items: page.items.map(toCohortResponse), nextCursor: page.nextCursor };
  }

  /** A trainer creates a cohort as a draft. */
  @Post()
  @ApiResult(201, cohortResponseSchema, [400, 401, 403])
  async create(@CurrentActor() actor: Actor, @Body({ schema: createCohortSchema }) body: CreateCohortDto) {
    return toCohortResponse(await this.cohorts.create(actor, body));
  }

  /** A published cohort (open, running or finished) with its sessions and seats. */
  @Public()
  @Get(':id')
  @ApiResult(200, cohortDetailResponseSchema, [400, 404])
  async detail(@Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    const { cohort, sessions, seats } = await this.listings.publicDetail(params.id);
    return toCohortDetailResponse(cohort, sessions, seats);
  }

  /** Changes what a draft or open cohort says; only the fields named. */
  @Patch(':id')
  @ApiResult(200, cohortResponseSchema, [400, 401, 404, 409])
  async update(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: CohortParams,
    @Body({ schema: patchCohortSchema }) body: PatchCohortDto,
  ) {
    return toCohortResponse(await this.cohorts.update(actor, params.id, body));
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

  /** Draft or open → cancelled; every trainee enrolled or waitlisted is withdrawn and told. */
  @Post(':id/cancel')
  @ApiResult(201, cohortResponseSchema, [400, 401, 404, 409])
  async cancel(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: CohortParams,
    @Body({ schema: cancelCohortSchema }) body: CancelCohortDto,
  ) {
    return toCohortResponse(await this.cohorts.cancel(actor, params.id, body.reason));
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
  @ApiResult(200, z.object({ items: z.array(publicSessionResponseSchema) }), [400, 404])
  async sessions(@Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    const cohort = await this.cohorts.getVisible(null, params.id);
    return { items: (await this.cohorts.sessions(cohort)).map(toPublicSessionResponse) };
  }

  /** Re-times or changes a session before it starts; a new time is reminded again. */
  @Patch(':id/sessions/:sessionId')
  @ApiResult(200, sessionResponseSchema, [400, 401, 404, 409])
  async updateSession(
    @CurrentActor() actor: Actor,
    @Param({ schema: sessionParamSchema }) params: SessionParams,
    @Body({ schema: patchSessionSchema }) body: PatchSessionDto,
  ) {
    return toSessionResponse(await this.sessionsOf.update(actor, params.id, params.sessionId, body));
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @ApiResult(204, null, [400, 401, 404, 409])
  async removeSession(@CurrentActor() actor: Actor, @Param({ schema: sessionParamSchema }) params: SessionParams) {
    await this.sessionsOf.remove(actor, params.id, params.sessionId);
  }
}
