import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { cohortIdParamSchema } from './dto/cohort.dto';
import { EnrolDto, enrollmentIdParamSchema, enrolSchema, WithdrawDto, withdrawSchema } from './dto/enrollment.dto';
import {
  enrollmentResponseSchema,
  myEnrollmentResponseSchema,
  myEnrollmentsResponseSchema,
  rosterResponseSchema,
  toEnrollmentResponse,
  toMyEnrollmentResponse,
  toMyEnrollmentsResponse,
  toRosterResponse,
} from './dto/enrollment.response';
import { PaySeatDto, paySeatSchema } from './dto/seat-payment.dto';
import { seatPaymentResponseSchema, toSeatPaymentResponse } from './dto/seat-payment.response';
import { EnrollmentViews } from './enrollment-views.service';
import { SeatPayments } from './seat-payments.service';
import { EnrollmentsService } from './enrollments.service';

type IdParams = z.infer<typeof cohortIdParamSchema>;

/** Enrolment and the waitlist: a cohort's trainees, a trainee's own cohorts. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class EnrollmentsController {
  constructor(
    private readonly enrollments: EnrollmentsService,
    private readonly views: EnrollmentViews,
    private readonly seatPayments: SeatPayments,
  ) {}

  /** No body: the caller enrols; `{phone, displayName?}`: the cohort's trainer enrols that person. */
  @Post('cohorts/:id/enrollments')
  @ApiResult(201, enrollmentResponseSchema, [400, 401, 404, 409])
  async enrol(
    @CurrentActor() actor: Actor,
    @Param({ schema: cohortIdParamSchema }) params: IdParams,
    @Body({ schema: enrolSchema }) body: EnrolDto,
  ) {
    return toEnrollmentResponse(await this.enrollments.enrol(actor, params.id, body));
  }

  @Get('cohorts/:id/enrollments')
  @ApiResult(200, rosterResponseSchema, [400, 401, 404])
  async roster(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: IdParams) {
    return toRosterResponse(await this.views.roster(actor, params.id));
  }

  @Post('enrollments/:id/withdraw')
  @ApiResult(201, enrollmentResponseSchema, [400, 401, 404, 409])
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param({ schema: enrollmentIdParamSchema }) params: IdParams,
    @Body({ schema: withdrawSchema }) body: WithdrawDto,
  ) {
    return toEnrollmentResponse(await this.enrollments.withdraw(actor, params.id, body.reason ?? null));
  }

  /**
   * Pays a held seat (`awaiting_payment`): the open payment by that method, made when there is
   * none. Stripe answers with the client secret to confirm; a transfer with where to send it.
   */
  @Post('enrollments/:id/payment')
  @ApiResult(201, seatPaymentResponseSchema, [400, 401, 404, 409])
  async pay(
    @CurrentActor() actor: Actor,
    @Param({ schema: enrollmentIdParamSchema }) params: IdParams,
    @Body({ schema: paySeatSchema }) body: PaySeatDto,
  ) {
    return toSeatPaymentResponse(await this.seatPayments.pay(actor, params.id, body.paymentMethod));
  }

  /** The trainee's seat and the payments made for it. */
  @Get('enrollments/:id/payment')
  @ApiResult(200, seatPaymentResponseSchema, [400, 401, 404])
  async payment(@CurrentActor() actor: Actor, @Param({ schema: enrollmentIdParamSchema }) params: IdParams) {
    return toSeatPaymentResponse(await this.seatPayments.ofTrainee(actor, params.id));
  }

  @Get('me/enrollments')
  @ApiResult(200, myEnrollmentsResponseSchema, [401])
  async mine(@CurrentActor() actor: Actor) {
    return toMyEnrollmentsResponse(await this.views.mine(actor));
  }

  @Get('me/enrollments/:id')
  @ApiResult(200, myEnrollmentResponseSchema, [400, 401, 404])
  async mineOne(@CurrentActor() actor: Actor, @Param({ schema: enrollmentIdParamSchema }) params: IdParams) {
    return toMyEnrollmentResponse(await this.views.mineDetail(actor, params.id));
  }
}
