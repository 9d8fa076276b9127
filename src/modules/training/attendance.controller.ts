import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { AttendanceService } from './attendance.service';
import { SaveAttendanceDto, saveAttendanceSchema, sessionParamsSchema } from './dto/attendance.dto';
import { attendanceSheetResponseSchema, toAttendanceSheetResponse } from './dto/enrollment.response';

type SessionParams = z.infer<typeof sessionParamsSchema>;

/** A session's attendance sheet, for the cohort's trainer (or an admin). */
@ApiTags('training')
@ApiBearerAuth()
@Controller('cohorts/:id/sessions/:sessionId/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @ApiResult(200, attendanceSheetResponseSchema, [400, 401, 404])
  async sheet(@CurrentActor() actor: Actor, @Param({ schema: sessionParamsSchema }) params: SessionParams) {
    return toAttendanceSheetResponse(await this.attendance.sheet(actor, params.id, params.sessionId));
  }

  /** Sets the marks given (present, late, excused, absent); late counts as attended. */
  @Put()
  @ApiResult(200, attendanceSheetResponseSchema, [400, 401, 404, 409])
  async save(
    @CurrentActor() actor: Actor,
    @Param({ schema: sessionParamsSchema }) params: SessionParams,
    @Body({ schema: saveAttendanceSchema }) body: SaveAttendanceDto,
  ) {
    return toAttendanceSheetResponse(await this.attendance.save(actor, params.id, params.sessionId, body));
  }
}
