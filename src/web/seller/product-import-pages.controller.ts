import { Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { CSV_COLUMNS, parseProductCsv, type RowError } from '../../modules/catalog/catalog.module';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { errorMessage, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { actorOf } from './seller-web';
import { storeIdOf } from './store-form';

/**
 * Many products at once from a CSV file (the API's import): every row is checked, the
 * mistakes are listed by row and column, and nothing is imported unless every row passes.
 */
@WebController('seller/stores/:storeId/products/import')
@SignedIn()
export class ProductImportPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly products: SellerProductsService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async page(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('storeId') storeId: string) {
    const store = await this.sellers.getManaged(actorOf(this.user(request)), storeIdOf(storeId));
    return this.render(request, reply, store, {});
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  async import(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @UploadedFile() file: UploadedMultipartFile | undefined,
  ) {
    const actor = actorOf(this.user(request));
    const t = translatorFor(request.web.locale, 'seller');
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    if (!file?.buffer || file.size === 0) {
      return this.render(request, reply, store, { errors: { file: [t('seller:import.fileRequired')] } });
    }
    try {
      const created = await this.products.createMany(actor, store.id, parseProductCsv(file.buffer));
      return this.render(request, reply, store, {
        imported: { products: created.length, variants: created.reduce((n, c) => n + c.variants.length, 0) },
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const rows = error.code === 'CSV_INVALID' ? ((error.details as { rows?: RowError[] })?.rows ?? []) : [];
      return this.render(request, reply, store, {
        rows,
        errors: { file: [errorMessage(t, error.code)] },
      });
    }
  }

  private render(
    request: WebRequest,
    reply: FastifyReply,
    store: { id: string; status: string; displayName: string },
    result: { rows?: RowError[]; errors?: FormErrors; imported?: { products: number; variants: number } },
  ) {
    return this.pages.render(
      request,
      reply,
      'seller/product-import',
      { store, columns: CSV_COLUMNS.join(','), rows: result.rows, imported: result.imported },
      { title: 'seller:import.title', errors: result.errors, status: result.errors ? 400 : 200 },
    );
  }

  private user(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
