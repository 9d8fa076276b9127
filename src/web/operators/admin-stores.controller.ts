import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TFunction } from 'i18next';
import { DomainError } from '../../common/errors/domain-error';
import { MediaService } from '../../modules/media/media.service';
import { RegionsService } from '../../modules/regions/regions.service';
import { HOUSEHOLD_FLAGS, Seller } from '../../modules/sellers/entities/seller.entity';
import { SellerReviewService } from '../../modules/sellers/seller-review.service';
import { formErrorsOf, FormErrors, formObject, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn, WebActor } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { cursorOf, householdFlagsForm, reasonForm } from './operator-forms';
import { pageId } from './operator-pages';

/** Stores waiting for review, one store's review (photos, origin, household flags), approve or reject. */
@WebController('admin/stores')
@SignedIn('admin')
export class AdminStoresController {
  constructor(
    private readonly pages: WebPages,
    private readonly review: SellerReviewService,
    private readonly media: MediaService,
    private readonly regions: RegionsService,
  ) {}

  @Get()
  async queue(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const page = await this.review.list({ status: 'pending_review', cursor: cursorOf(cursor), limit: 20 });
    const photos = await this.media.describe(page.items.map((s) => s.photoIds[0]).filter(Boolean));
    const t = translatorFor(request.web.locale, 'operators');
    const stores = await Promise.all(
      page.items.map(async (seller) => ({
        ...this.summary(seller, t),
        county: await this.regions.placeName(seller.originCountyCode),
        cover: photos.find((p) => p.id === seller.photoIds[0]),
      })),
    );
    return this.pages.render(
      request,
      reply,
      'operators/stores',
      { stores, nextCursor: page.nextCursor, done: (request.query as { done?: string }).done },
      { title: 'operators:stores.title' },
    );
  }

  @Get(':id')
  async store(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
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
    return this.pages.redirect(reply, '/admin/stores?done=approved');
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
    if (!form.ok) return this.show(request, reply, pageId(id), form.errors, 400);
    try {
      await this.review.reject(actor.id, pageId(id), form.data.reason);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return this.show(request, reply, id, formErrorsOf(error, t), 409);
    }
    return this.pages.redirect(reply, '/admin/stores?done=rejected');
  }

  /** The household flags, set by an admin with the evidence for them (as PUT …/household-flags). */
  @Post(':id/household-flags')
  async householdFlags(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const form = readForm(householdFlagsForm, body, translatorFor(request.web.locale, 'operators'));
    if (!form.ok) return this.show(request, reply, pageId(id), form.errors, 400);
    await this.review.setHouseholdFlags(pageId(id), form.data.flags, form.data.evidenceNote);
    return this.pages.redirect(reply, `/admin/stores/${id}?done=flags`);
  }

  private async show(request: WebRequest, reply: FastifyReply, id: string, errors?: FormErrors, status = 200) {
    const t = translatorFor(request.web.locale, 'operators');
    const seller = await this.review.get(id);
    const history = await this.review.history(id);
    return this.pages.render(
      request,
      reply,
      'operators/store',
      {
        store: {
          ...this.summary(seller, t),
          description: seller.description,
          contactPhone: seller.contactPhone,
          rejectionReason: seller.rejectionReason,
          householdFlags: seller.householdFlags,
          householdFlagsEvidence: seller.householdFlagsEvidence,
          county: await this.regions.placeName(seller.originCountyCode),
          photos: await this.media.describe(seller.photoIds),
          pending: seller.status === 'pending_review',
        },
        reviewAction: `/admin/stores/${seller.id}`,
        flags: seller.householdFlags.map((flag) => t(`operators:flags.${flag}`)),
        flagChoices: HOUSEHOLD_FLAGS.map((flag) => ({
          flag,
          label: t(`operators:flags.${flag}`),
          checked: seller.householdFlags.includes(flag),
        })),
        history: history.map((h) => ({
          to: t(`operators:storeStatus.${h.toStatus}`),
          reason: h.reason,
          at: h.createdAt,
        })),
        done: (request.query as { done?: string }).done,
        form: request.method === 'POST' ? formObject(request.body) : {},
      },
      { title: 'operators:store.title', errors, status },
    );
  }

  private summary(seller: Seller, t: TFunction) {
    return {
      id: seller.id,
      displayName: seller.displayName,
      kindLabel: t(`operators:kinds.${seller.kind}`),
      statusLabel: t(`operators:storeStatus.${seller.status}`),
      originPlace: seller.originPlace,
      createdAt: seller.createdAt,
    };
  }
}
