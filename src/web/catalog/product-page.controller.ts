import { Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { toFactsView, toPhotoViews, toVariantView } from './product-view';

const productId = z.uuid();

/** A product's public page: photos, facts of its kind, variants with an add-to-cart form each, the farm. */
@WebController('products')
export class ProductPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalog: CatalogBrowseService,
    private readonly sellers: SellersService,
  ) {}

  @Get(':productId')
  async product(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('productId') id: string) {
    // Not a product id is no product (and never reaches SQL as one).
    if (!productId.safeParse(id).success) throw new NotFoundException();
    // Only active products of verified stores are found: a draft, paused or suspended one is a 404.
    const { product, variants } = await this.catalog.get(id);
    const content = product.content!;
    const [seller, origin, images] = await Promise.all([
      this.catalog.sellerOf(product),
      this.catalog.regionNames(product.originCountyCode),
      this.catalog.images(content.imageIds),
    ]);
    return this.pages.render(
      request,
      reply,
      'catalog/product',
      {
        product: {
          id: product.id,
          kind: `catalog:kind.${product.kind}`,
          title: content.title,
          description: content.description,
          minPriceFen: product.minPriceFen,
          inStock: product.totalStock > 0,
          preSale: content.kind === 'produce' ? content.attributes.preSale : null,
        },
        photos: toPhotoViews(images),
        facts: toFactsView(content),
        variants: variants.map(toVariantView),
        origin: origin.map((r) => r.name).join(' · '),
        store: {
          id: seller.id,
          name: seller.displayName,
          kind: `catalog:sellerKind.${seller.kind}`,
          county: origin[0]?.name ?? '',
          onTime: this.sellers.onTimeShipping(seller),
        },
      },
      { titleText: content.title },
    );
  }
}
