import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import type { ProductVariant } from '../../modules/catalog/entities/product-variant.entity';
import type { Product } from '../../modules/catalog/entities/product.entity';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { contentFormValues, readNewVariant, readQuickEdit } from './product-form';
import { idOf, notFound, ProductViews } from './product-views';
import { actorOf } from './seller-web';
import { storeIdOf } from './store-form';

/** A product's variants: one more, and the quick edit of price and stock (no review, as on the API). */
@WebController('seller/stores/:storeId/products')
@SignedIn()
export class ProductVariantPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly products: SellerProductsService,
    private readonly views: ProductViews,
  ) {}

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
    const t = translatorFor(request.web.locale, 'seller');
    const { product } = await this.products.get(actor, storeIdOf(storeId), idOf(productId));
    const content = product.draft ?? product.content;
    const again = (errors: FormErrors) =>
      this.views.productPage(
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
    const t = translatorFor(request.web.locale, 'seller');
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
      const row = this.views.variantRow(result.product, variant, errors, form.ok ? undefined : form.values);
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
        row: this.views.variantRow(result.product, variant, errors, form.ok ? undefined : form.values),
        back: body?.back,
        backUrl: back,
      },
      { title: 'seller:products.quickEdit', status: 400 },
    );
  }

  private user(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
