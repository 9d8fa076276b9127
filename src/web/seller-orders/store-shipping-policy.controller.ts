import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { shippingPolicySchema } from '../../modules/orders/orders.module';
import { ShippingPoliciesService } from '../../modules/orders/shipping-policies.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { fenToYuanInput, yuanInputToFen } from '../render/format';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { storePath } from './store-pages';
import { actorOf, idParam } from '../session/page-actor';

/** An amount typed in yuan (`10`, `12.5`, `12.50`), as fen. */
const yuan = z
  .string()
  .max(20)
  .transform((text, ctx) => {
    const fen = yuanInputToFen(text);
    if (fen === null) ctx.addIssue({ code: 'custom', message: 'money' });
    return fen ?? 0;
  });

/** The form as typed; its amounts then go through the API's own schema (shippingPolicySchema). */
const policyForm = z.object({
  baseFee: yuan,
  perKg: yuan.optional(),
  freeAbove: yuan.optional(),
  coldChain: z.literal('on').optional(),
  coldChainSurcharge: yuan.optional(),
});
type PolicyForm = z.output<typeof policyForm>;

/** Form field of each field of the API's schema. */
const FIELD_OF: Record<string, string> = {
  baseFeeFen: 'baseFee',
  perKgFen: 'perKg',
  freeAboveFen: 'freeAbove',
  coldChain: 'coldChain',
  coldChainSurchargeFen: 'coldChainSurcharge',
};

/** A store's shipping fees, as the API's PUT shipping-policy sets them, typed in yuan. */
@WebController('seller/stores/:storeId/shipping-policy')
@SignedIn()
export class StoreShippingPolicyController {
  constructor(
    private readonly pages: WebPages,
    private readonly policies: ShippingPoliciesService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Query('done') done?: string,
  ) {
    const storeId = idParam(storeParam);
    const actor = actorOf(request);
    const store = await this.sellers.getManaged(actor, storeId);
    const policy = await this.policies.get(actor, storeId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'SHIPPING_NOT_CONFIGURED') return null;
      throw error;
    });
    const form = policy
      ? {
          baseFee: fenToYuanInput(policy.baseFeeFen),
          perKg: fenToYuanInput(policy.perKgFen),
          freeAbove: fenToYuanInput(policy.freeAboveFen),
          coldChain: policy.coldChain,
          coldChainSurcharge: fenToYuanInput(policy.coldChainSurchargeFen),
        }
      : { perKg: '0.00', coldChainSurcharge: '0.00' };
    return this.render(request, reply, storeId, store.displayName, form, {
      notConfigured: !policy,
      saved: done === 'saved',
    });
  }

  @Post()
  async save(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Body() body: unknown,
  ) {
    const storeId = idParam(storeParam);
    const actor = actorOf(request);
    const t = translatorFor(request.web.locale, 'sales');
    const store = await this.sellers.getManaged(actor, storeId);
    const typed = readForm(policyForm, body, t);
    const again = (errors: FormErrors, values: object, status = 400) =>
      this.render(request, reply, storeId, store.displayName, values, {}, { errors, status });
    if (!typed.ok) return again(typed.errors, { ...typed.values, coldChain: typed.values.coldChain === 'on' });
    const values = { ...(body as object), coldChain: typed.data.coldChain === 'on' };
    const parsed = shippingPolicySchema.safeParse(toPolicy(typed.data));
    if (!parsed.success) return again(policyErrors(parsed.error, t), values);
    try {
      await this.policies.set(actor, storeId, parsed.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      return again(formErrorsOf(error, t), values, 409);
    }
    return this.pages.redirect(reply, `${storePath(storeId)}/shipping-policy?done=saved`);
  }

  private render(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    storeName: string,
    form: object,
    flags: { notConfigured?: boolean; saved?: boolean },
    options: { errors?: FormErrors; status?: number } = {},
  ) {
    return this.pages.render(
      request,
      reply,
      'seller-orders/shipping-policy',
      { store: { id: storeId, name: storeName, path: storePath(storeId) }, form, ...flags },
      { title: 'sales:policy.title', ...options },
    );
  }
}

function toPolicy(form: PolicyForm) {
  return {
    baseFeeFen: form.baseFee,
    perKgFen: form.perKg ?? 0,
    freeAboveFen: form.freeAbove ?? null,
    coldChain: form.coldChain === 'on',
    coldChainSurchargeFen: form.coldChainSurcharge ?? 0,
  };
}

/** The API schema's objections, next to the yuan fields they are about. */
function policyErrors(error: z.ZodError, t: TFunction): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const field = FIELD_OF[String(issue.path[0])] ?? '_form';
    const message =
      issue.code === 'too_big'
        ? t('sales:policy.tooBig')
        : field === 'coldChainSurcharge' && issue.code === 'custom'
          ? t('sales:policy.surchargeNeedsColdChain')
          : t('errors:form.invalid');
    (errors[field] ??= []).push(message);
  }
  return errors;
}
