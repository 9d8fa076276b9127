import { Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { toCardViews } from './product-cards';
import { toPhotoViews } from './product-view';
import { SEARCH_PAGE_SIZE } from './search-form';

const storeId = z.uuid();
const cursorSchema = z.string().max(300).optional();

/** A verified store's public page: who they are, where, how they ship, and their products. */
@WebController('stores')
export class StorePageController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalog: CatalogBrowseService,
    private readonly sellers: SellersService,
  ) {}

  @Get(':storeId')
  async store(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') id: string,
    @Query('cursor') rawCursor: unknown,
  ) {
    if (!storeId.safeParse(id).success) throw new NotFoundException();
    const cursor = cursorSchema.catch(undefined).parse(rawCursor);
    // A store not verified (in review, suspended) is not found.
    const { seller, photos } = await this.sellers.publicProfile(id);
    const [page, region] = await Promise.all([
      this.catalog.browse({ sellerId: id, limit: SEARCH_PAGE_SIZE, sort: 'newest', cursor }),
      this.catalog.regionNames(seller.originCountyCode),
    ]);
    const details = await this.catalog.cardDetails(page.items);
    const data = {
      store: {
        id: seller.id,
        name: seller.displayName,
        kind: `catalog:sellerKind.${seller.kind}`,
        place: [...region.map((r) => r.name)].reverse().join(' · '),
        originPlace: seller.originPlace,
        description: seller.description,
        onTime: this.sellers.onTimeShipping(seller),
      },
      photos: toPhotoViews(photos),
      products: toCardViews(page.items, details),
      moreUrl: page.nextCursor ? `/stores/${seller.id}?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    };
    if (cursor && request.headers['hx-request']) {
      return this.pages.fragment(request, reply, 'catalog/search-more', data);
    }
    return this.pages.render(request, reply, 'catalog/store', data, { title: 'catalog:store.pageTitle' });
  }
}
