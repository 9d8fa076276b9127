import { Body, Get, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { MediaService } from '../../modules/media/media.service';
import { AssistanceService } from '../../modules/sellers/assistance.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { maskPhone } from '../../common/masking';
import { FORM_LEVEL, formErrorsOf, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { RegionPicker } from '../regions/region-picker.service';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { actorOf, PhotosInterceptor, uploadPhotos } from './seller-web';
import { onBehalfOfIn, readStoreForm, STORE_ERROR_FIELDS, STORE_KINDS, storeFormValues, storeIdOf } from './store-form';

/**
 * A farmer's stores: the list, the application with photos from the phone, its review and its
 * correction. A trainer applies for a trainee who consented with `?onBehalfOf=<trainee>`: the
 * store is the trainee's, the trainer manages it (assisted onboarding, docs/training.md).
 */
@WebController('seller')
@SignedIn()
export class StorePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly sellers: SellersService,
    private readonly media: MediaService,
    private readonly regions: RegionPicker,
    private readonly assistance: AssistanceService,
  ) {}

  @Get()
  async stores(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const stores = await this.sellers.listManaged(actorOf(this.user(request)));
    return this.pages.render(request, reply, 'seller/stores', { stores }, { title: 'seller:stores.title' });
  }

  @Get('apply')
  async applyPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    // The picker's no-JS refresh sends the form here by GET: what was typed comes back.
    return this.applyForm(
      request,
      reply,
      { ...storeFormValues(query), onBehalfOf: onBehalfOfIn(query) },
      undefined,
      query,
    );
  }

  @Post('apply')
  @UseInterceptors(PhotosInterceptor())
  async apply(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedMultipartFile[] | undefined,
  ) {
    const user = this.user(request);
    const t = translatorFor(request.web.locale, 'seller');
    const values: Record<string, unknown> = { ...storeFormValues(body), onBehalfOf: onBehalfOfIn(body) };
    const photos = await uploadPhotos(this.media, user.id, files, values.photoIds as string[]);
    values.photoIds = photos.ids;
    const again = (errors: FormErrors) => this.applyForm(request, reply, values, errors, body);
    if (photos.error) return again(formErrorsOf(photos.error, t, STORE_ERROR_FIELDS));
    const form = readStoreForm(values, t);
    if (!form.ok) return again(form.errors);
    try {
      const store = await this.sellers.apply(actorOf(user), form.data);
      return this.pages.redirect(reply, `/seller/stores/${store.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(formErrorsOf(error, t, STORE_ERROR_FIELDS));
    }
  }

  /** The review: waiting, verified, or rejected with the reason and the form to correct and send again. */
  @Get('stores/:storeId')
  async store(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const store = await this.sellers.getManaged(actorOf(this.user(request)), storeIdOf(storeId));
    if (query._refresh) return this.storePage(request, reply, store.id, storeFormValues(query), undefined, query);
    return this.storePage(request, reply, store.id, { ...store, photoIds: store.photoIds });
  }

  /** Corrects a rejected application and sends it back for review. */
  @Post('stores/:storeId')
  @UseInterceptors(PhotosInterceptor())
  async resubmit(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeId: string,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedMultipartFile[] | undefined,
  ) {
    const user = this.user(request);
    const actor = actorOf(user);
    const t = translatorFor(request.web.locale, 'seller');
    const store = await this.sellers.getManaged(actor, storeIdOf(storeId));
    const values: Record<string, unknown> = { ...storeFormValues(body), kind: store.kind };
    const photos = await uploadPhotos(this.media, user.id, files, values.photoIds as string[]);
    values.photoIds = photos.ids;
    const again = (errors: FormErrors) => this.storePage(request, reply, store.id, values, errors, body);
    if (photos.error) return again(formErrorsOf(photos.error, t, STORE_ERROR_FIELDS));
    const form = readStoreForm(values, t);
    if (!form.ok) return again(form.errors);
    try {
      const { kind: _kind, onBehalfOf: _onBehalfOf, ...patch } = form.data;
      // Only a rejected application is fixed and sent again here: nothing is saved otherwise.
      if (store.status !== 'rejected') {
        const refused = new DomainError(
          'conflict',
          'INVALID_SELLER_TRANSITION',
          'Only a rejected application is sent again',
        );
        return again(formErrorsOf(refused, t, STORE_ERROR_FIELDS));
      }
      await this.sellers.update(actor, store.id, patch);
      await this.sellers.resubmit(actor, store.id);
      return this.pages.redirect(reply, `/seller/stores/${store.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(formErrorsOf(error, t, STORE_ERROR_FIELDS));
    }
  }

  private async applyForm(
    request: WebRequest,
    reply: FastifyReply,
    form: Record<string, unknown>,
    errors?: FormErrors,
    sent: unknown = {},
  ) {
    const photos = await this.media.describe((form.photoIds as string[] | undefined) ?? []);
    const onBehalfOf = form.onBehalfOf as string | undefined;
    // The picker's GET refresh sends the hidden onBehalfOf field with the rest of the form.
    const picker = await this.countyPicker(request, form, sent, '/seller/apply');
    const trainee = onBehalfOf ? await this.assistedTrainee(request, onBehalfOf) : null;
    // Without the trainer role or the trainee's consent the form says so before anything is typed.
    if (trainee?.refused && !errors?.[FORM_LEVEL]?.includes(trainee.refused)) {
      errors = { ...errors, [FORM_LEVEL]: [...(errors?.[FORM_LEVEL] ?? []), trainee.refused] };
    }
    return this.pages.render(
      request,
      reply,
      'seller/apply',
      { form, photos, picker, kinds: STORE_KINDS, onBehalfOf, traineeName: trainee?.name ?? null },
      { title: 'seller:apply.title', errors, status: trainee?.refused ? 403 : errors ? 400 : 200 },
    );
  }

  /** Whom the trainer applies for: named only once the trainer may act for them, else the refusal in words. */
  private async assistedTrainee(request: WebRequest, traineeId: string) {
    try {
      const trainee = await this.assistance.assistedTrainee(actorOf(this.user(request)), traineeId);
      return { name: trainee.displayName ?? (trainee.phone ? maskPhone(trainee.phone) : ''), refused: null };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'forbidden') throw error;
      const t = translatorFor(request.web.locale, 'seller');
      return { name: null, refused: formErrorsOf(error, t)[FORM_LEVEL][0] };
    }
  }

  private async storePage(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    form: Record<string, unknown>,
    errors?: FormErrors,
    sent: unknown = {},
  ) {
    const store = await this.sellers.getManaged(actorOf(this.user(request)), storeId);
    const photos = await this.media.describe((form.photoIds as string[] | undefined) ?? []);
    const picker = await this.countyPicker(request, form, sent, `/seller/stores/${store.id}`);
    return this.pages.render(
      request,
      reply,
      'seller/store',
      { store, form, photos, picker },
      { title: 'seller:store.title', errors, status: errors ? 400 : 200 },
    );
  }

  /** The origin county: the shared picker, its upper selects read from what the form sent. */
  private countyPicker(request: WebRequest, form: Record<string, unknown>, sent: unknown, refreshAction: string) {
    const t = translatorFor(request.web.locale, 'seller');
    return this.regions.build(
      { ...(sent && typeof sent === 'object' ? (sent as Record<string, unknown>) : {}), ...form },
      {
        name: 'originCountyCode',
        mode: 'county',
        label: t('seller:storeForm.originCounty'),
        required: true,
        refreshAction,
      },
    );
  }

  private user(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
