import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  CreateProductDto,
  createProductSchema,
  NewVariantDto,
  newVariantSchema,
  PatchContentDto,
  patchContentSchema,
  productStatusActionSchema,
  storeParamSchema,
  storeProductParamSchema,
  storeVariantParamSchema,
  updateContentSchema,
  UpdateVariantDto,
  updateVariantSchema,
} from './dto/product.dto';
import {
  managedProductSchema,
  managedProductSummarySchema,
  toManagedProduct,
  toManagedProductSummary,
} from './dto/product.response';
import { ProductWithVariants, SellerProductsService } from './seller-products.service';

type StoreParam = z.infer<typeof storeParamSchema>;
type ProductParam = z.infer<typeof storeProductParamSchema>;
const out = (r: ProductWithVariants) => toManagedProduct(r.product, r.variants);
const ERRORS = [400, 401, 404, 409, 422];

/** A store's products, managed by its members or the trainer its owner consented to. */
@ApiTags('seller')
@ApiBearerAuth()
@Controller('seller/stores/:sellerId/products')
export class SellerProductsController {
  constructor(private readonly products: SellerProductsService) {}

  @Post()
  @ApiResult(201, managedProductSchema, ERRORS)
  async create(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeParamSchema }) p: StoreParam,
    @Body({ schema: createProductSchema }) body: CreateProductDto,
  ) {
    return out(await this.products.create(actor, p.sellerId, body));
  }

  @Get()
  @ApiResult(200, z.object({ items: z.array(managedProductSummarySchema) }), [400, 401, 404])
  async list(@CurrentActor() actor: Actor, @Param({ schema: storeParamSchema }) p: StoreParam) {
    return { items: (await this.products.list(actor, p.sellerId)).map(toManagedProductSummary) };
  }

  @Get(':productId')
  @ApiResult(200, managedProductSchema, [400, 401, 404])
  async get(@CurrentActor() actor: Actor, @Param({ schema: storeProductParamSchema }) p: ProductParam) {
    return out(await this.products.get(actor, p.sellerId, p.productId));
  }

  /** New text or attributes. A live product keeps showing its approved version until review. */
  @Put(':productId/content')
  @ApiResult(200, managedProductSchema, ERRORS)
  async updateContent(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeProductParamSchema }) p: ProductParam,
    @Body({ schema: updateContentSchema }) body: z.infer<typeof updateContentSchema>,
  ) {
    return out(await this.products.updateContent(actor, p.sellerId, p.productId, body.content));
  }

  /** Some fields of the text or attributes; the fields not named stay as they were. */
  @Patch(':productId/content')
  @ApiResult(200, managedProductSchema, ERRORS)
  async patchContent(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeProductParamSchema }) p: ProductParam,
    @Body({ schema: patchContentSchema }) body: PatchContentDto,
  ) {
    return out(await this.products.patchContent(actor, p.sellerId, p.productId, body));
  }

  @Post(':productId/submit')
  @ApiResult(201, managedProductSchema, ERRORS)
  async submit(@CurrentActor() actor: Actor, @Param({ schema: storeProductParamSchema }) p: ProductParam) {
    return out(await this.products.submit(actor, p.sellerId, p.productId));
  }

  /** Pause, resume or archive. */
  @Post(':productId/status')
  @ApiResult(201, managedProductSchema, ERRORS)
  async setStatus(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeProductParamSchema }) p: ProductParam,
    @Body({ schema: productStatusActionSchema }) body: z.infer<typeof productStatusActionSchema>,
  ) {
    return out(await this.products.setStatus(actor, p.sellerId, p.productId, body.status));
  }

  @Post(':productId/variants')
  @ApiResult(201, managedProductSchema, ERRORS)
  async addVariant(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeProductParamSchema }) p: ProductParam,
    @Body({ schema: newVariantSchema }) body: NewVariantDto,
  ) {
    return out(await this.products.addVariant(actor, p.sellerId, p.productId, body));
  }

  /** Price, stock and order limits: applied at once, no review. */
  @Patch(':productId/variants/:variantId')
  @ApiResult(200, managedProductSchema, ERRORS)
  async updateVariant(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeVariantParamSchema }) p: z.infer<typeof storeVariantParamSchema>,
    @Body({ schema: updateVariantSchema }) body: UpdateVariantDto,
  ) {
    return out(await this.products.updateVariant(actor, p.sellerId, p.productId, p.variantId, body));
  }
}
