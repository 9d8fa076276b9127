import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/** The home page: what is on sale now. */
@WebController()
export class HomeController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalog: CatalogBrowseService,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const page = await this.catalog.browse({ limit: 12 } as never);
    const covers = await this.catalog.covers(page.items);
    const products = page.items.map((product) => ({
      id: product.id,
      title: product.content?.title ?? '',
      priceFen: product.minPriceFen,
      cover: covers.get(product.id),
    }));
    return this.pages.render(request, reply, 'catalog/home', { products });
  }
}
