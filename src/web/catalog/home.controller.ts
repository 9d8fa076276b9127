import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { toCardViews } from './product-cards';

const HOME_PRODUCTS = 12;
/** The kinds a buyer starts from (`other` has no door of its own: it is in search). */
const ENTRY_KINDS = ['produce', 'tea', 'adoption'] as const;

/** The home page: what is in season, the three kinds, the counties with products. */
@WebController()
export class HomeController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalog: CatalogBrowseService,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const [season, counties] = await Promise.all([this.catalog.inSeason(HOME_PRODUCTS), this.catalog.counties()]);
    const details = await this.catalog.cardDetails(season.items);
    return this.pages.render(request, reply, 'catalog/home', {
      inSeason: season.inSeason,
      products: toCardViews(season.items, details),
      kinds: ENTRY_KINDS.map((kind) => ({ kind, label: `catalog:kind.${kind}`, hint: `catalog:kindHint.${kind}` })),
      counties,
    });
  }
}
