import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { AssignmentsService } from './assignments.service';
import {
  cohortAssignmentParamSchema,
  CreateAssignmentDto,
  createAssignmentSchema,
  enrollmentAssignmentParamSchema,
  enrollmentParamSchema,
  MarkAssignmentDto,
  markAssignmentSchema,
} from './dto/assignment.dto';
import {
  assignmentListResponseSchema,
  assignmentStateResponseSchema,
  assignmentStatesResponseSchema,
  cohortAssignmentResponseSchema,
  toAssignmentStateResponse,
  toCohortAssignmentResponse,
  toCustomAssignmentResponse,
} from './dto/assignment.response';
import { cohortIdParamSchema } from './dto/cohort.dto';

type CohortParams = z.infer<typeof cohortIdParamSchema>;
type CohortAssignmentParams = z.infer<typeof cohortAssignmentParamSchema>;
type EnrollmentAssignmentParams = z.infer<typeof enrollmentAssignmentParamSchema>;
type EnrollmentParams = z.infer<typeof enrollmentParamSchema>;

/** A cohort's assignments (the trainer's), marks for a trainee, and a trainee's own assignments. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post('cohorts/:id/assignments')
  @ApiResult(201, cohortAssignmentResponseSchema, [400, 401, 404, 409])
  async create(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: CohortParams,
    @Body({ schema: createAssignmentSchema }) body: CreateAssignmentDto,
  ) {
    return toCustomAssignmentResponse(await this.assignments.create(actor, params.id, body));
  }

  @Get('cohorts/:id/assignments')
  @ApiResult(200, assignmentListResponseSchema, [400, 401, 404])
  async list(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: CohortParams) {
    return { items: (await this.assignments.list(actor, params.id)).map(toCohortAssignmentResponse) };
  }

  @Delete('cohorts/:id/assignments/:aid')
  @HttpCode(204)
  @ApiResult(204, null, [400, 401, 404, 409])
  async remove(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortAssignmentParamSchema }) params: CohortAssignmentParams,
  ): Promise<void> {
    await this.assignments.remove(actor, params.id, params.aid);
  }

  /** The trainer marks a custom assignment done for the trainee (built-in ones: 409 ASSIGNMENT_COMPLETES_ITSELF). */
  @Put('enrollments/:id/assignments/:aid')
  @ApiResult(200, assignmentStateResponseSchema, [400, 401, 404, 409])
  async mark(
    @CurrentActor() actor: Actor,
    @Param({ schema: enrollmentAssignmentParamSchema }) params: EnrollmentAssignmentParams,
    @Body({ schema: markAssignmentSchema }) body: MarkAssignmentDto,
  ) {
    return toAssignmentStateResponse(await this.assignments.mark(actor, params.id, params.aid, body.note));
  }

  @Delete('enrollments/:id/assignments/:aid')
  @ApiResult(200, assignmentStateResponseSchema, [400, 401, 404, 409])
  async unmark(
    @CurrentActor() actor: Actor,
    @Param({ schema: enrollmentAssignmentParamSchema }) params: EnrollmentAssignmentParams,
  ) {
    return toAssignmentStateResponse(await this.assignments.unmark(actor, params.id, params.aid));
  }

  /** The trainee's own assignments with their evidence. */
  @Get('me/enrollments/:id/assignments')
  @ApiResult(200, assignmentStatesResponseSchema, [400, 401, 404])
  async mine(@CurrentActor() actor: Actor, @Param({ schema: enrollmentParamSchema }) params: EnrollmentParams) {
    const { enrollment, states } = await this.assignments.mine(actor, params.id);
    return { enrollmentId: enrollment.id, cohortId: enrollment.cohortId, items: states.map(toAssignmentStateResponse) };
  }
}
