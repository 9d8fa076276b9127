import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import { PRODUCT_KINDS } from '../../modules/catalog/catalog.module';
import { translatorFor } from '../i18n/locales';
import { RegionPicker } from '../regions/region-picker.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { toCardViews } from './product-cards';
import { readSearch, SEARCH_SORTS, searchUrl } from './search-form';

/**
 * Search and browse: words, kind, region, price, in stock, sort; pages by cursor. The "more"
 * link is a plain link; with htmx it appends the next page in place (the same URL, as a fragment).
 */
@WebController('search')
export class SearchController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalog: CatalogBrowseService,
    private readonly regionPicker: RegionPicker,
  ) {}

  @Get()
  async search(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() raw: Record<string, unknown>) {
    const t = translatorFor(request.web.locale, 'catalog');
    const values = raw ?? {};
    const { form, query, cursor, errors } = readSearch(values, await this.regionPicker.chosen(values, 'region'), t);
    const [page, region, picker] = await Promise.all([
      this.catalog.browse(query),
      query.region ? this.catalog.regionNames(query.region) : Promise.resolve([]),
      this.regionPicker.build(values, {
        name: 'region',
        mode: 'any',
        label: t('catalog:search.region'),
        refreshAction: '/search',
      }),
    ]);
    const details = await this.catalog.cardDetails(page.items);
    const data = {
      form,
      query: { q: form.q },
      products: toCardViews(page.items, details),
      moreUrl: page.nextCursor ? searchUrl(form, page.nextCursor) : null,
      regionPath: region
        .slice()
        .reverse()
        .map((r) => r.name)
        .join(' · '),
      kinds: PRODUCT_KINDS.map((kind) => ({ kind, label: `catalog:kind.${kind}`, selected: form.kind === kind })),
      sorts: SEARCH_SORTS.map((sort) => ({ sort, label: `catalog:sort.${sort}`, selected: form.sort === sort })),
      picker,
      clearRegionUrl: searchUrl({ ...form, region: undefined }),
    };
    if (cursor && request.headers['hx-request']) {
      return this.pages.fragment(request, reply, 'catalog/search-more', data);
    }
    return this.pages.render(request, reply, 'catalog/search', data, { title: 'catalog:search.title', errors });
  }
}
