import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { adminProductQuerySchema, productIdParamSchema, reasonSchema } from './dto/product.dto';
import {
  adminProductSchema,
  managedProductSummarySchema,
  toAdminProduct,
  toManagedProductSummary,
} from './dto/product.response';
import { ProductReviewService } from './product-review.service';

type IdParam = z.infer<typeof productIdParamSchema>;

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/products')
export class AdminProductsController {
  constructor(private readonly review: ProductReviewService) {}

  @Get()
  @ApiResult(
    200,
    z.object({ items: z.array(managedProductSummarySchema), nextCursor: z.string().nullable() }),
    [400, 401, 403],
  )
  async list(@Query({ schema: adminProductQuerySchema }) query: z.infer<typeof adminProductQuerySchema>) {
    const page = await this.review.list(query);
    return { items: page.items.map(toManagedProductSummary), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiResult(200, adminProductSchema, [400, 401, 403, 404])
  async get(@Param({ schema: productIdParamSchema }) p: IdParam) {
    const found = await this.review.get(p.id);
    return toAdminProduct(found.product, found.variants, found.history);
  }

  /** Publishes a new product, or the pending revision of a live one. */
  @Post(':id/approve')
  @ApiResult(201, adminProductSchema, [400, 401, 403, 404, 409])
  async approve(@CurrentActor() actor: Actor, @Param({ schema: productIdParamSchema }) p: IdParam) {
    await this.review.approve(actor.id, p.id);
    return this.get(p);
  }

  @Post(':id/reject')
  @ApiResult(201, adminProductSchema, [400, 401, 403, 404, 409])
  async reject(
    @CurrentActor() actor: Actor,
    @Param({ schema: productIdParamSchema }) p: IdParam,
    @Body({ schema: reasonSchema }) body: z.infer<typeof reasonSchema>,
  ) {
    await this.review.reject(actor.id, p.id, body.reason);
    return this.get(p);
  }
}
