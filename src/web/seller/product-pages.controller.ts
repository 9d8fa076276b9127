import { Body, Get, Param, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { PRODUCT_KINDS } from '../../modules/catalog/catalog.module';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import { MediaService } from '../../modules/media/media.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { contentFormValues, readContent, readNewProduct } from './product-form';
import { actorOf, listOf, PhotosInterceptor, uploadPhotos } from './seller-web';
import { idOf, kindOf, PRODUCT_ERROR_FIELDS, ProductViews } from './product-views';
import { storeIdOf } from './store-form';

/** The order of the list: what needs the farmer first. */
const LIST_ORDER = ['rejected', 'draft', 'pending_review', 'active', 'paused', 'archived'] as const;

/**
 * A store's products: the list by status with quick price and stock edits, the guided form of
 * each kind, editing (a live product's change goes to review), submitting, pausing. Every call
 * goes through SellerProductsService, which checks that the person manages the store.
 */
@WebController('seller/stores/:storeId/products')
@SignedIn()
export class ProductPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly products: SellerProductsService,
    private readonly sellers: SellersService,
    private readonly media: MediaService,
    private readonly views: ProductViews,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('storeId') storeId: string) {
    const actor = actorOf(this.user(request));
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    const products = await this.products.list(actor, store.id);
    const withVariants = await Promise.all(products.map((p) => this.products.get(actor, store.id, p.id)));
    const groups = LIST_ORDER.map((status) => ({
      status,
      items: withVariants
        .filter((p) => p.product.status === status)
        .map((p) => this.views.summary(p.product, p.variants)),
    })).filter((g) => g.items.length > 0);
    return this.pages.render(
      request,
      reply,
      'seller/products',
      { store, groups, canList: store.status === 'verified' },
      { title: 'seller:products.title' },
    );
  }

  @Get('new')
  async chooseKind(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('storeId') storeId: string) {
    const store = await this.sellers.getManaged(actorOf(this.user(request)), storeIdOf(storeId));
    return this.pages.render(
      request,
      reply,
      'seller/product-kind',
      { store, kinds: PRODUCT_KINDS },
      { title: 'seller:productForm.chooseKind' },
    );
  }

  @Get('new/:kind')
  async newPage(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('kind') kind: string,
  ) {
    const store = await this.sellers.getManaged(actorOf(this.user(request)), storeIdOf(storeId));
    return this.views.newForm(request, reply, store, kindOf(kind), {}, []);
  }

  @Post('new/:kind')
  @UseInterceptors(PhotosInterceptor())
  async create(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('kind') kindParam: string,
    @Body() body: Record<string, unknown>,
    @UploadedFiles() files: UploadedMultipartFile[] | undefined,
  ) {
    const user = this.user(request);
    const actor = actorOf(user);
    const t = translatorFor(request.web.locale, 'seller');
    const kind = kindOf(kindParam);
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    const photos = await uploadPhotos(this.media, user.id, files, listOf(body?.['content.imageIds']));
    const again = (values: Record<string, unknown>, errors: FormErrors) =>
      this.views.newForm(request, reply, store, kind, values, photos.ids, errors);
    const form = readNewProduct(kind, body, photos.ids, t);
    if (photos.error) {
      return again(formObject(body), {
        ...(form.ok ? {} : form.errors),
        ...formErrorsOf(photos.error, t, PRODUCT_ERROR_FIELDS),
      });
    }
    if (!form.ok) return again(form.values, form.errors);
    try {
      const created = await this.products.create(actor, store.id, form.data);
      return this.pages.redirect(reply, `/seller/stores/${store.id}/products/${created.product.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(formObject(body), formErrorsOf(error, t, PRODUCT_ERROR_FIELDS));
    }
  }

  /** One product: its review, its variants (price and stock), and its content to edit. */
  @Get(':productId')
  async product(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
  ) {
    const actor = actorOf(this.user(request));
    const { product } = await this.products.get(actor, storeIdOf(storeId), idOf(productId));
    const content = product.draft ?? product.content;
    return this.views.productPage(
      request,
      reply,
      storeId,
      product.id,
      { content: contentFormValues(content) },
      content?.imageIds ?? [],
    );
  }

  /** New content: a draft or rejected product is simply changed; a live one's change goes to review. */
  @Post(':productId')
  @UseInterceptors(PhotosInterceptor())
  async edit(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
    @Body() body: Record<string, unknown>,
    @UploadedFiles() files: UploadedMultipartFile[] | undefined,
  ) {
    const user = this.user(request);
    const actor = actorOf(user);
    const t = translatorFor(request.web.locale, 'seller');
    const { product } = await this.products.get(actor, storeIdOf(storeId), idOf(productId));
    const photos = await uploadPhotos(this.media, user.id, files, listOf(body?.['content.imageIds']));
    const again = (values: Record<string, unknown>, errors: FormErrors) =>
      this.views.productPage(request, reply, product.sellerId, product.id, values, photos.ids, errors);
    const form = readContent(product.kind, body, photos.ids, t);
    if (photos.error) return again(formObject(body), formErrorsOf(photos.error, t, PRODUCT_ERROR_FIELDS));
    if (!form.ok) return again(form.values, form.errors);
    try {
      await this.products.updateContent(actor, product.sellerId, product.id, form.data);
      return this.pages.redirect(reply, `/seller/stores/${product.sellerId}/products/${product.id}?saved=1`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(formObject(body), formErrorsOf(error, t, PRODUCT_ERROR_FIELDS));
    }
  }

  @Post(':productId/submit')
  async submit(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
  ) {
    const { product } = await this.products.submit(actorOf(this.user(request)), storeIdOf(storeId), idOf(productId));
    return this.pages.redirect(reply, `/seller/stores/${product.sellerId}/products/${product.id}`);
  }

  /** Pause a live product, or put a paused one back on sale. */
  @Post(':productId/status')
  async status(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const status = body?.status === 'active' ? 'active' : 'paused';
    const { product } = await this.products.setStatus(
      actorOf(this.user(request)),
      storeIdOf(storeId),
      idOf(productId),
      status,
    );
    return this.pages.redirect(reply, `/seller/stores/${product.sellerId}/products/${product.id}`);
  }

  private user(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
