import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { Product } from '../../modules/catalog/entities/product.entity';
import { ProductReviewService } from '../../modules/catalog/product-review.service';
import { MediaService } from '../../modules/media/media.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { formErrorsOf, FormErrors, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn, WebActor } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { cursorOf, reasonForm } from './operator-forms';
import { pageId } from './operator-pages';
import { contentChanges, contentFields } from './product-changes';

/** Products waiting for review (new ones and revisions of live ones), one product's review, approve or reject. */
@WebController('admin/catalog')
@SignedIn('admin')
export class AdminProductsController {
  constructor(
    private readonly pages: WebPages,
    private readonly review: ProductReviewService,
    private readonly media: MediaService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async queue(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const page = await this.review.list({ awaiting: 'review', cursor: cursorOf(cursor), limit: 20 });
    const covers = await this.media.describe(
      page.items.map((p) => reviewed(p)?.imageIds[0]).filter((id): id is string => Boolean(id)),
    );
    const stores = await this.storeNames(page.items);
    const products = page.items.map((product) => ({
      id: product.id,
      title: reviewed(product)?.title ?? '',
      kind: product.kind,
      revision: isRevision(product),
      store: stores.get(product.sellerId),
      cover: covers.find((c) => c.id === reviewed(product)?.imageIds[0]),
      createdAt: product.createdAt,
    }));
    return this.pages.render(
      request,
      reply,
      'operators/products',
      { products, nextCursor: page.nextCursor, done: (request.query as { done?: string }).done },
      { title: 'operators:products.title' },
    );
  }

  @Get(':id')
  async product(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.show(request, reply, pageId(id));
  }

  @Post(':id/approve')
  async approve(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
  ) {
    try {
      await this.review.approve(actor.id, pageId(id));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return this.show(request, reply, id, formErrorsOf(error, translatorFor(request.web.locale, 'operators')), 409);
    }
    return this.pages.redirect(reply, '/admin/catalog?done=approved');
  }

  @Post(':id/reject')
  async reject(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const t = translatorFor(request.web.locale, 'operators');
    const form = readForm(reasonForm, body, t);
    if (!form.ok) return this.show(request, reply, pageId(id), form.errors, 400, form.values);
    try {
      await this.review.reject(actor.id, pageId(id), form.data.reason);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return this.show(request, reply, id, formErrorsOf(error, t), 409, form.data);
    }
    return this.pages.redirect(reply, '/admin/catalog?done=rejected');
  }

  private async show(
    request: WebRequest,
    reply: FastifyReply,
    id: string,
    errors?: FormErrors,
    status = 200,
    form: object = {},
  ) {
    const t = translatorFor(request.web.locale, 'operators');
    const { product, variants, history } = await this.review.get(id);
    const content = reviewed(product);
    const revision = isRevision(product);
    const store = await this.sellers.getById(product.sellerId);
    const changes = revision ? contentChanges(product.content, product.draft, t) : [];
    const photosChanged = changes.some((c) => c.path === 'imageIds');
    return this.pages.render(
      request,
      reply,
      'operators/product',
      {
        product: {
          id: product.id,
          title: content?.title ?? '',
          kind: product.kind,
          status: product.status,
          revision,
          awaiting: product.status === 'pending_review' || product.revisionState === 'pending_review',
          rejectionReason: product.rejectionReason,
          store: { id: store.id, displayName: store.displayName },
        },
        reviewAction: `/admin/catalog/${product.id}`,
        photos: await this.media.describe(content?.imageIds ?? []),
        livePhotos: photosChanged ? await this.media.describe(product.content?.imageIds ?? []) : [],
        photosChanged,
        changes,
        fields: contentFields(content, t).filter((f) => f.path !== 'imageIds' && f.path !== 'kind'),
        variants: variants.map((v) => ({
          name: v.name,
          priceFen: v.priceFen,
          stock: v.stock,
          netWeightGrams: v.netWeightGrams,
        })),
        history: history.map((h) => ({
          to: t(`operators:productStatus.${h.toStatus}`, { defaultValue: h.toStatus }),
          reason: h.reason,
          at: h.createdAt,
        })),
        form,
      },
      { title: 'operators:product.title', errors, status },
    );
  }

  private async storeNames(products: Product[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const sellerId of new Set(products.map((p) => p.sellerId))) {
      names.set(sellerId, (await this.sellers.getById(sellerId)).displayName);
    }
    return names;
  }
}

/** A live product's pending change is a revision; the content under review is then the draft. */
const isRevision = (p: Product) => p.status !== 'pending_review' && p.revisionState === 'pending_review';
const reviewed = (p: Product) => p.draft ?? p.content;
