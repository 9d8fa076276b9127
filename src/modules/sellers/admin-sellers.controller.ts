import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  adminSellerQuerySchema,
  householdFlagsSchema,
  reasonSchema,
  sellerIdParamSchema,
  stripeAccountSchema,
} from './dto/seller.dto';
import {
  adminSellerDetailSchema,
  adminSellerPageSchema,
  adminSellerSchema,
  toAdminSeller,
  toAdminSellerDetail,
} from './dto/seller.response';
import { SellerReviewService } from './seller-review.service';

type IdParam = z.infer<typeof sellerIdParamSchema>;

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/sellers')
export class AdminSellersController {
  constructor(private readonly review: SellerReviewService) {}

  @Get()
  @ApiResult(200, adminSellerPageSchema, [400, 401, 403])
  async list(@Query({ schema: adminSellerQuerySchema }) query: z.infer<typeof adminSellerQuerySchema>) {
    const page = await this.review.list(query);
    return { items: page.items.map(toAdminSeller), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiResult(200, adminSellerDetailSchema, [400, 401, 403, 404])
  async get(@Param({ schema: sellerIdParamSchema }) p: IdParam) {
    const seller = await this.review.get(p.id);
    return toAdminSellerDetail(seller, await this.review.history(p.id), await this.review.auditLog(p.id));
  }

  @Post(':id/approve')
  @ApiResult(201, adminSellerSchema, [400, 401, 403, 404, 409])
  async approve(@CurrentActor() actor: Actor, @Param({ schema: sellerIdParamSchema }) p: IdParam) {
    return toAdminSeller(await this.review.approve(actor.id, p.id));
  }

  @Post(':id/reject')
  @ApiResult(201, adminSellerSchema, [400, 401, 403, 404, 409])
  async reject(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: IdParam,
    @Body({ schema: reasonSchema }) body: z.infer<typeof reasonSchema>,
  ) {
    return toAdminSeller(await this.review.reject(actor.id, p.id, body.reason));
  }

  @Post(':id/suspend')
  @ApiResult(201, adminSellerSchema, [400, 401, 403, 404, 409])
  async suspend(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: IdParam,
    @Body({ schema: reasonSchema }) body: z.infer<typeof reasonSchema>,
  ) {
    return toAdminSeller(await this.review.suspend(actor.id, p.id, body.reason));
  }

  @Post(':id/reinstate')
  @ApiResult(201, adminSellerSchema, [400, 401, 403, 404, 409])
  async reinstate(@CurrentActor() actor: Actor, @Param({ schema: sellerIdParamSchema }) p: IdParam) {
    return toAdminSeller(await this.review.reinstate(actor.id, p.id));
  }

  /** Records the store's Stripe Connect account; its payouts then go there by transfer. */
  @Put(':id/stripe-account')
  @ApiResult(200, adminSellerSchema, [400, 401, 403, 404])
  async stripeAccount(
    @Param({ schema: sellerIdParamSchema }) p: IdParam,
    @Body({ schema: stripeAccountSchema }) body: z.infer<typeof stripeAccountSchema>,
  ) {
    return toAdminSeller(await this.review.setStripeAccount(p.id, body.accountId));
  }

  @Put(':id/household-flags')
  @ApiResult(200, adminSellerSchema, [400, 401, 403, 404])
  async householdFlags(
    @Param({ schema: sellerIdParamSchema }) p: IdParam,
    @Body({ schema: householdFlagsSchema }) body: z.infer<typeof householdFlagsSchema>,
  ) {
    return toAdminSeller(await this.review.setHouseholdFlags(p.id, body.flags, body.evidenceNote));
  }
}
