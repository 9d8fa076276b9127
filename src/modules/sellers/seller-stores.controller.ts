import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  sellerIdParamSchema,
  staffContactSchema,
  staffParamSchema,
  UpdateSellerDto,
  updateSellerSchema,
} from './dto/seller.dto';
import {
  managedSellerListSchema,
  managedSellerSchema,
  staffListSchema,
  toManagedSeller,
  toStaffList,
} from './dto/seller.response';
import { SellersService } from './sellers.service';

/** A store's own management: its members, or the trainer its owner consented to. */
@ApiTags('seller')
@ApiBearerAuth()
@Controller('seller/stores')
export class SellerStoresController {
  constructor(private readonly sellers: SellersService) {}

  @Get()
  @ApiResult(200, managedSellerListSchema, [401])
  async list(@CurrentActor() actor: Actor) {
    return { items: (await this.sellers.listManaged(actor)).map(toManagedSeller) };
  }

  @Get(':id')
  @ApiResult(200, managedSellerSchema, [400, 401, 404])
  async get(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: z.infer<typeof sellerIdParamSchema>,
  ) {
    return toManagedSeller(await this.sellers.getManaged(actor, p.id));
  }

  @Patch(':id')
  @ApiResult(200, managedSellerSchema, [400, 401, 404])
  async update(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: z.infer<typeof sellerIdParamSchema>,
    @Body({ schema: updateSellerSchema }) body: UpdateSellerDto,
  ) {
    return toManagedSeller(await this.sellers.update(actor, p.id, body));
  }

  @Get(':id/staff')
  @ApiResult(200, staffListSchema, [400, 401, 404])
  async staff(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: z.infer<typeof sellerIdParamSchema>,
  ) {
    return toStaffList(await this.sellers.members(actor, p.id));
  }

  /** The owner adds someone who helps run the store, by their account's e-mail or phone. */
  @Post(':id/staff')
  @ApiResult(201, staffListSchema, [400, 401, 403, 404, 409])
  async addStaff(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: z.infer<typeof sellerIdParamSchema>,
    @Body({ schema: staffContactSchema }) body: z.infer<typeof staffContactSchema>,
  ) {
    return toStaffList(await this.sellers.addStaff(actor, p.id, body));
  }

  @Delete(':id/staff/:userId')
  @ApiResult(200, staffListSchema, [400, 401, 403, 404])
  async removeStaff(
    @CurrentActor() actor: Actor,
    @Param({ schema: staffParamSchema }) p: z.infer<typeof staffParamSchema>,
  ) {
    return toStaffList(await this.sellers.removeStaff(actor, p.id, p.userId));
  }

  /** Back to review after a rejection. */
  @Post(':id/resubmit')
  @ApiResult(201, managedSellerSchema, [400, 401, 404, 409])
  async resubmit(
    @CurrentActor() actor: Actor,
    @Param({ schema: sellerIdParamSchema }) p: z.infer<typeof sellerIdParamSchema>,
  ) {
    return toManagedSeller(await this.sellers.resubmit(actor, p.id));
  }
}
