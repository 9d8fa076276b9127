import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CatalogBrowseService } from './catalog-browse.service';
import { BrowseQuery, browseQuerySchema, productIdParamSchema } from './dto/product.dto';
import { productDetailSchema, productPageSchema, toProductCard, toVariantResponse } from './dto/product.response';

/** The public catalog. Responses carry an ETag; send If-None-Match to get a 304. */
@ApiTags('products')
@Public()
@Controller('products')
export class ProductsController {
  constructor(private readonly browse: CatalogBrowseService) {}

  @Get()
  @ApiResult(200, productPageSchema, [400, 404])
  async list(@Query({ schema: browseQuerySchema }) query: BrowseQuery) {
    const page = await this.browse.browse(query);
    const covers = await this.browse.covers(page.items);
    return { items: page.items.map((p) => toProductCard(p, covers.get(p.id) ?? null)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiResult(200, productDetailSchema, [400, 404])
  async get(@Param({ schema: productIdParamSchema }) p: z.infer<typeof productIdParamSchema>) {
    const { product, variants } = await this.browse.get(p.id);
    const seller = await this.browse.sellerOf(product);
    const origin = await this.browse.regionNames(product.originCountyCode);
    const content = product.content!;
    const images = await this.browse.images(content.imageIds);
    return {
      ...toProductCard(product, images[0] ? Object.values(images[0].urls)[0] : null),
      images,
      description: content.description,
      attributes: content.attributes as Record<string, unknown>,
      traceability: content.traceability,
      origin: origin.map((r) => ({ code: r.code, name: r.name, level: r.level })),
      seller: { id: seller.id, displayName: seller.displayName, kind: seller.kind },
      variants: variants.map((v) => {
        const { sku: _, ...rest } = toVariantResponse(v);
        return rest;
      }),
    };
  }
}
