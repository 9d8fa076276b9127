import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { AssistanceService } from './assistance.service';
import {
  ApplySellerDto,
  applySellerSchema,
  consentSchema,
  sellerIdParamSchema,
  trainerIdParamSchema,
} from './dto/seller.dto';
import {
  consentResponseSchema,
  managedSellerSchema,
  publicSellerPageSchema,
  toConsentResponse,
  toManagedSeller,
  toPublicSeller,
} from './dto/seller.response';
import { SellersService } from './sellers.service';

@ApiTags('sellers')
@Controller()
export class SellersController {
  constructor(
    private readonly sellers: SellersService,
    private readonly assistance: AssistanceService,
  ) {}

  /** Apply for a store (a trainer may apply for a trainee who consented, with `onBehalfOf`). */
  @Post('sellers')
  @ApiBearerAuth()
  @ApiResult(201, managedSellerSchema, [400, 401, 403])
  async apply(@CurrentActor() actor: Actor, @Body({ schema: applySellerSchema }) body: ApplySellerDto) {
    return toManagedSeller(await this.sellers.apply(actor, body));
  }

  /** A verified store's public page. */
  @Public()
  @Get('sellers/:id')
  @ApiResult(200, publicSellerPageSchema, [400, 404])
  async getPublic(@Param({ schema: sellerIdParamSchema }) params: z.infer<typeof sellerIdParamSchema>) {
    const { seller, photos } = await this.sellers.publicProfile(params.id);
    return { ...toPublicSeller(seller), photos };
  }

  /** The trainee consents that this trainer may open and manage a store for them. */
  @Post('me/assistance-consents')
  @ApiBearerAuth()
  @ApiResult(201, consentResponseSchema, [400, 401, 404, 409])
  async consent(@CurrentActor() actor: Actor, @Body({ schema: consentSchema }) body: z.infer<typeof consentSchema>) {
    return toConsentResponse(await this.assistance.consent(actor.id, body.trainerId));
  }

  @Delete('me/assistance-consents/:trainerId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiResult(204, null, [400, 401, 404])
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param({ schema: trainerIdParamSchema }) params: z.infer<typeof trainerIdParamSchema>,
  ): Promise<void> {
    await this.assistance.withdraw(actor.id, params.trainerId);
  }
}
