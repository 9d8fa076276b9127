import { Body, Controller, Get, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CertificatesService } from './certificates.service';
import { CohortFinishing } from './cohort-finishing.service';
import {
  certificateIdParamSchema,
  RevokeCertificateDto,
  revokeCertificateSchema,
  verifyCodeParamSchema,
} from './dto/certificate.dto';
import {
  finishPreviewResponseSchema,
  finishResponseSchema,
  toFinishPreviewResponse,
  toFinishResponse,
} from './dto/certificate-finish.response';
import {
  certificateListResponseSchema,
  certificateResponseSchema,
  toCertificateResponse,
  toVerificationResponse,
  verificationResponseSchema,
} from './dto/certificate.response';
import { cohortIdParamSchema } from './dto/cohort.dto';

type IdParams = z.infer<typeof cohortIdParamSchema>;

/** Finishing a cohort, its certificates, and their public verification. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(
    private readonly finishing: CohortFinishing,
    private readonly certificates: CertificatesService,
  ) {}

  /** What finishing would decide for each enrolled trainee (running cohorts). */
  @Get('cohorts/:id/finish-preview')
  @ApiResult(200, finishPreviewResponseSchema, [400, 401, 404, 409])
  async preview(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: IdParams) {
    return toFinishPreviewResponse(await this.finishing.preview(actor, params.id));
  }

  /** Running → finished: completions by the rule, certificates issued, the waitlist withdrawn. */
  @Post('cohorts/:id/finish')
  @ApiResult(201, finishResponseSchema, [400, 401, 404, 409])
  async finish(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: IdParams) {
    return toFinishResponse(await this.finishing.finish(actor, params.id));
  }

  @Get('cohorts/:id/certificates')
  @ApiResult(200, certificateListResponseSchema, [400, 401, 404])
  async ofCohort(@CurrentActor() actor: Actor, @Param({ schema: cohortIdParamSchema }) params: IdParams) {
    return { items: (await this.certificates.ofCohort(actor, params.id)).map(toCertificateResponse) };
  }

  @Post('certificates/:id/revoke')
  @ApiResult(201, certificateResponseSchema, [400, 401, 404, 409])
  async revoke(
    @CurrentActor() actor: Actor,
    @Param({ schema: certificateIdParamSchema }) params: IdParams,
    @Body({ schema: revokeCertificateSchema }) body: RevokeCertificateDto,
  ) {
    return toCertificateResponse(await this.certificates.revoke(actor, params.id, body.reason));
  }

  /** Anyone with the code (no login): valid or revoked, with the holder's name masked. */
  @Public()
  @Get('certificates/verify/:code')
  @ApiResult(200, verificationResponseSchema, [400, 404, 429])
  async verify(
    @Param({ schema: verifyCodeParamSchema }) params: z.infer<typeof verifyCodeParamSchema>,
    @Ip() ip: string,
  ) {
    return toVerificationResponse(await this.certificates.verify(params.code, ip));
  }

  /** The caller's own certificates, newest first. */
  @Get('me/certificates')
  @ApiResult(200, certificateListResponseSchema, [401])
  async mine(@CurrentActor() actor: Actor) {
    return { items: (await this.certificates.mine(actor)).map(toCertificateResponse) };
  }
}
