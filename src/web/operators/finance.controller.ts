import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { PAYMENT_METHODS } from '../../modules/payments/entities/payment.entity';
import { LedgerService } from '../../modules/payments/ledger/ledger.service';
import { PayoutsService } from '../../modules/payments/ledger/payouts.service';
import { PaymentsService } from '../../modules/payments/payments.service';
import { RefundsService } from '../../modules/payments/refunds.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { errorMessage, formErrorsOf, FormErrors, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn, WebActor } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { confirmTransferForm, paidReferenceForm } from './operator-forms';
import { pageId } from './operator-pages';

const SHOWN = 50;

/** A row's form sent back: which row, and the message next to its reference field. */
type RowFailure = { kind: 'refund' | 'payout'; id: string; message: string; value?: string };

/**
 * Finance's desk: bank transfers to confirm by their reference, offline refunds and bank
 * payouts to mark paid, and the trial balance; each through the service the finance API uses.
 */
@WebController('finance')
@SignedIn('finance', 'admin')
export class FinanceController {
  constructor(
    private readonly pages: WebPages,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
    private readonly ledger: LedgerService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async desk(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply);
  }

  /** As POST /api/v1/finance/bank-transfers/confirm: the transfer quoting `reference` arrived. */
  @Post('transfers/confirm')
  async confirmTransfer(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Body() body: unknown,
  ) {
    const t = translatorFor(request.web.locale, 'operators');
    const form = readForm(confirmTransferForm, body, t);
    if (!form.ok) return this.show(request, reply, { errors: form.errors, transfer: form.values, status: 400 });
    try {
      const payment = await this.payments.confirmTransferByReference(
        form.data.reference,
        actor.id,
        form.data.bankReference,
      );
      return this.pages.redirect(reply, `/finance?confirmed=${payment.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = formErrorsOf(error, t, {
        TRANSFER_REFERENCE_NOT_FOUND: 'reference',
        PAYMENT_METHOD_MISMATCH: 'reference',
        INVALID_PAYMENT_TRANSITION: 'reference',
      });
      return this.show(request, reply, { errors, transfer: form.data, status: error.kind === 'conflict' ? 409 : 400 });
    }
  }

  /** As POST /api/v1/finance/refunds/:id/mark-paid: the cash or bank refund went back to the buyer. */
  @Post('offline-refunds/:id/mark-paid')
  async markRefundPaid(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.markPaid(request, reply, 'refund', pageId(id), body, async (reference) => {
      await this.refunds.markOfflinePaid(id, reference, actor.id);
    });
  }

  /** As POST /api/v1/finance/payouts/:id/mark-paid: the bank payout to the seller went out. */
  @Post('bank-payouts/:id/mark-paid')
  async markPayoutPaid(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.markPaid(request, reply, 'payout', pageId(id), body, async (reference) => {
      await this.payouts.markPaid(id, actor.id, reference);
    });
  }

  /** As POST /api/v1/finance/payouts/run: a payout for every seller with money available. */
  @Post('bank-payouts/run')
  async runPayouts(@Res() reply: FastifyReply) {
    const created = await this.payouts.run();
    return this.pages.redirect(reply, `/finance?payoutsCreated=${created.length}#payouts`);
  }

  private async markPaid(
    request: WebRequest,
    reply: FastifyReply,
    kind: RowFailure['kind'],
    id: string,
    body: unknown,
    mark: (reference: string) => Promise<void>,
  ) {
    const t = translatorFor(request.web.locale, 'operators');
    const form = readForm(paidReferenceForm, body, t);
    if (!form.ok) {
      const message = form.errors.reference?.[0] ?? t('errors:form.invalid');
      const value = typeof form.values.reference === 'string' ? form.values.reference : undefined;
      return this.show(request, reply, { row: { kind, id, message, value }, status: 400 });
    }
    try {
      await mark(form.data.reference);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const row = { kind, id, message: errorMessage(t, error.code), value: form.data.reference };
      return this.show(request, reply, { row, status: 409 });
    }
    return this.pages.redirect(reply, `/finance?paid=${kind}#${kind}s`);
  }

  private async show(
    request: WebRequest,
    reply: FastifyReply,
    failed: { errors?: FormErrors; transfer?: object; row?: RowFailure; status?: number } = {},
  ) {
    const query = request.query as { confirmed?: string; paid?: string; payoutsCreated?: string };
    const rowFailure = (kind: RowFailure['kind'], id: string) =>
      failed.row?.kind === kind && failed.row.id === id ? failed.row : undefined;
    const transfers = await this.payments.awaitingTransfers(SHOWN);
    const refunds = await this.refunds.list({ status: 'pending', provider: 'offline', limit: SHOWN });
    const payouts = await this.payouts.awaitingBank(SHOWN);
    const confirmed = query.confirmed ? await this.confirmedPayment(query.confirmed) : undefined;
    // A row that left its list meanwhile (settled by someone else) keeps its message over the page.
    const listed = [...refunds.items.map((i) => i.refund.id), ...payouts.map((p) => p.id)];
    const elsewhere = failed.row && !listed.includes(failed.row.id) ? failed.row.message : undefined;
    return this.pages.render(
      request,
      reply,
      'operators/finance',
      {
        transfers: transfers.map((p) => ({
          id: p.id,
          reference: p.transferReference,
          amountFen: p.amountFen,
          createdAt: p.createdAt,
        })),
        refunds: refunds.items.map(({ refund, payment }) => ({
          id: refund.id,
          amountFen: refund.amountFen,
          method: payment.method,
          reason: refund.reason,
          orderId: refund.referenceId,
          createdAt: refund.createdAt,
          failure: rowFailure('refund', refund.id),
        })),
        payouts: await Promise.all(
          payouts.map(async (p) => ({
            id: p.id,
            amountFen: p.amountFen,
            store: (await this.sellers.getById(p.sellerId)).displayName,
            destination: p.destination,
            createdAt: p.createdAt,
            failure: rowFailure('payout', p.id),
          })),
        ),
        methodKeys: Object.fromEntries(PAYMENT_METHODS.map((m) => [m, `operators:methods.${m}`])),
        trialBalanceFen: await this.ledger.trialBalance(),
        transfer: failed.transfer ?? {},
        elsewhere,
        confirmed,
        paid: query.paid === 'refund' || query.paid === 'payout' ? query.paid : undefined,
        payoutsCreated: query.payoutsCreated,
      },
      { title: 'operators:finance.title', errors: failed.errors, status: failed.status },
    );
  }

  private async confirmedPayment(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const payment = await this.payments.get(id).catch(() => null);
    return payment ? { amountFen: payment.amountFen, reference: payment.transferReference } : undefined;
  }
}
