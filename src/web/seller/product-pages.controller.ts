import { Body, Get, Param, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { PRODUCT_KINDS, type ProductKind } from '../../modules/catalog/catalog.module';
import type { ProductVariant } from '../../modules/catalog/entities/product-variant.entity';
import type { Product } from '../../modules/catalog/entities/product.entity';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import { MediaService } from '../../modules/media/media.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { productChoices } from './product-choices';
import {
  contentFormValues,
  readContent,
  readNewProduct,
  readNewVariant,
  readQuickEdit,
  variantRowsOf,
} from './product-form';
import { actorOf, listOf, PhotosInterceptor, uploadPhotos } from './seller-web';
import { storeIdOf } from './store-form';

const notFound = () => new DomainError('not_found', 'PRODUCT_NOT_FOUND', 'Product not found');
const idOf = (value: string) => {
  if (!z.uuid().safeParse(value).success) throw notFound();
  return value;
};
const kindOf = (value: string): ProductKind => {
  if (!(PRODUCT_KINDS as readonly string[]).includes(value)) throw notFound();
  return value as ProductKind;
};

/** Refusals of the catalog and media modules, next to the field they are about. */
const PRODUCT_ERROR_FIELDS: Record<string, string> = {
  IMAGE_NOT_FOUND: 'photos',
  UNSUPPORTED_IMAGE: 'photos',
  IMAGE_TOO_LARGE: 'photos',
  SKU_TAKEN: 'variants.0.sku',
  PROHIBITED_INVESTMENT_CLAIM: 'content.description',
};

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
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('storeId') storeId: string) {
    const actor = actorOf(this.user(request));
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    const products = await this.products.list(actor, store.id);
    const withVariants = await Promise.all(products.map((p) => this.products.get(actor, store.id, p.id)));
    const groups = LIST_ORDER.map((status) => ({
      status,
      items: withVariants.filter((p) => p.product.status === status).map((p) => this.summary(p.product, p.variants)),
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
    return this.newForm(request, reply, store, kindOf(kind), {}, []);
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
    const t = translatorFor(request.web.locale);
    const kind = kindOf(kindParam);
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    const photos = await uploadPhotos(this.media, user.id, files, listOf(body?.['content.imageIds']));
    const again = (values: Record<string, unknown>, errors: FormErrors) =>
      this.newForm(request, reply, store, kind, values, photos.ids, errors);
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
    return this.productPage(
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
    const t = translatorFor(request.web.locale);
    const { product } = await this.products.get(actor, storeIdOf(storeId), idOf(productId));
    const photos = await uploadPhotos(this.media, user.id, files, listOf(body?.['content.imageIds']));
    const again = (values: Record<string, unknown>, errors: FormErrors) =>
      this.productPage(request, reply, product.sellerId, product.id, values, photos.ids, errors);
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

  /** One more variant (size, pack): price and stock apply at once, as on the API. */
  @Post(':productId/variants')
  async addVariant(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const actor = actorOf(this.user(request));
    const t = translatorFor(request.web.locale);
    const { product } = await this.products.get(actor, storeIdOf(storeId), idOf(productId));
    const content = product.draft ?? product.content;
    const again = (errors: FormErrors) =>
      this.productPage(
        request,
        reply,
        product.sellerId,
        product.id,
        { content: contentFormValues(content), variant: formObject(body).variant },
        content?.imageIds ?? [],
        errors,
      );
    const form = readNewVariant(body, t);
    if (!form.ok) return again(form.errors);
    try {
      await this.products.addVariant(actor, product.sellerId, product.id, form.data);
      return this.pages.redirect(reply, `/seller/stores/${product.sellerId}/products/${product.id}?saved=1`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return again(
        formErrorsOf(error, t, { SKU_TAKEN: 'variant.sku', VARIANT_LIMITS_INCONSISTENT: 'variant.maxPerOrder' }),
      );
    }
  }

  /** The quick edit of price and stock (htmx swaps the row; without JavaScript, back to where it was sent from). */
  @Post(':productId/variants/:variantId')
  async quickEdit(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Param('productId') productId: string,
    @Param('variantId') variantId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const actor = actorOf(this.user(request));
    const t = translatorFor(request.web.locale);
    const sellerId = storeIdOf(storeId);
    const htmx = Boolean(request.headers['hx-request']);
    const form = readQuickEdit(body, t);
    let result: { product: Product; variants: ProductVariant[] };
    let errors: FormErrors | undefined;
    if (form.ok) {
      try {
        result = await this.products.updateVariant(actor, sellerId, idOf(productId), idOf(variantId), form.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
        errors = formErrorsOf(error, t, { VARIANT_LIMITS_INCONSISTENT: 'stock' });
        result = await this.products.get(actor, sellerId, idOf(productId));
      }
    } else {
      errors = form.errors;
      result = await this.products.get(actor, sellerId, idOf(productId));
    }
    const variant = result.variants.find((v) => v.id === variantId);
    if (!variant) throw notFound();
    const back =
      body?.back === 'product'
        ? `/seller/stores/${sellerId}/products/${productId}`
        : `/seller/stores/${sellerId}/products`;
    if (htmx) {
      const row = this.variantRow(result.product, variant, errors, form.ok ? undefined : form.values);
      return this.pages.fragment(
        request,
        reply,
        'seller/variant-quick-edit',
        { ...row, back: body?.back, saved: !errors },
        // htmx swaps only 2xx answers: a row sent back with its mistakes is a 200 fragment.
        { status: 200 },
      );
    }
    if (!errors) return this.pages.redirect(reply, `${back}?saved=1`);
    return this.pages.render(
      request,
      reply,
      'seller/variant-edit',
      {
        row: this.variantRow(result.product, variant, errors, form.ok ? undefined : form.values),
        back: body?.back,
        backUrl: back,
      },
      { title: 'seller:products.quickEdit', status: 400 },
    );
  }

  private async newForm(
    request: WebRequest,
    reply: FastifyReply,
    store: { id: string; status: string; displayName: string },
    kind: ProductKind,
    values: Record<string, unknown>,
    imageIds: string[],
    errors?: FormErrors,
  ) {
    return this.pages.render(
      request,
      reply,
      'seller/product-new',
      {
        store,
        kind,
        form: values,
        photos: await this.media.describe(imageIds),
        variantRows: variantRowsOf(values, errors),
        choices: productChoices,
        canList: store.status === 'verified',
      },
      { title: 'seller:productForm.newTitle', errors, status: errors ? 400 : 200 },
    );
  }

  private async productPage(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    productId: string,
    values: Record<string, unknown>,
    imageIds: string[],
    errors?: FormErrors,
  ) {
    const actor = actorOf(this.user(request));
    const { product, variants } = await this.products.get(actor, storeIdOf(storeId), productId);
    const editable =
      product.status !== 'pending_review' &&
      product.status !== 'archived' &&
      product.revisionState !== 'pending_review';
    return this.pages.render(
      request,
      reply,
      'seller/product',
      {
        storeId: product.sellerId,
        product,
        title: (product.draft ?? product.content)?.title ?? '',
        kind: product.kind,
        form: values,
        photos: await this.media.describe(imageIds),
        variants: variants.map((v) => ({ ...this.variantRow(product, v), back: 'product' })),
        choices: productChoices,
        editable,
        canSubmit: product.status === 'draft' || product.status === 'rejected',
        canAddVariant: product.status !== 'archived',
        canPause: product.status === 'active',
        canResume: product.status === 'paused',
        live: product.status === 'active' || product.status === 'paused',
        saved: (request.query as Record<string, unknown>)?.saved === '1',
      },
      { title: 'seller:product.title', errors, status: errors ? 400 : 200 },
    );
  }

  private summary(product: Product, variants: ProductVariant[]) {
    return {
      id: product.id,
      sellerId: product.sellerId,
      title: (product.draft ?? product.content)?.title ?? '',
      kind: product.kind,
      status: product.status,
      revisionState: product.revisionState,
      rejectionReason: product.rejectionReason,
      totalStock: product.totalStock,
      minPriceFen: product.minPriceFen,
      variants: variants.map((v) => this.variantRow(product, v)),
    };
  }

  private variantRow(product: Product, variant: ProductVariant, errors?: FormErrors, typed?: Record<string, unknown>) {
    return {
      id: variant.id,
      productId: product.id,
      storeId: product.sellerId,
      name: variant.name,
      netWeightGrams: variant.netWeightGrams,
      priceFen: variant.priceFen,
      stock: variant.stock,
      priceInput: typeof typed?.priceFen === 'string' ? typed.priceFen : undefined,
      stockInput: typeof typed?.stock === 'string' ? typed.stock : undefined,
      rowErrors: errors ? { priceFen: errors.priceFen?.[0], stock: errors.stock?.[0] ?? errors._form?.[0] } : undefined,
    };
  }

  private user(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
