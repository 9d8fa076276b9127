import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { pageQuerySchema } from '../../common/http/pagination';
import { ApiResult } from '../../common/http/openapi';
import { Payment, PAYMENT_METHODS, PAYMENT_PROVIDERS } from './entities/payment.entity';
import { Refund, REFUND_STATUSES } from './entities/refund.entity';
import { RefundsService } from './refunds.service';

const refundListQuerySchema = pageQuerySchema.extend({
  status: z.enum(REFUND_STATUSES).optional(),
  provider: z.enum(PAYMENT_PROVIDERS).optional().describe('offline: cash and bank refunds finance gives back'),
});
const idParam = z.strictObject({ id: z.uuid() });
const markPaidSchema = z.strictObject({
  reference: z.string().trim().min(4).max(64).describe('The bank or cash reference of the money given back'),
});
const financeRefundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  purpose: z.string(),
  referenceId: z.uuid().describe('The order (for purpose `order`)'),
  amountFen: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
  externalReference: z.string().nullable(),
  createdAt: z.string(),
});
const historySchema = z.array(
  z.object({ from: z.string().nullable(), to: z.string(), actorId: z.string().nullable(), at: z.string() }),
);
const refundDetailSchema = financeRefundSchema.extend({ history: historySchema });
const toFinanceRefund = (refund: Refund, payment: Payment): z.infer<typeof financeRefundSchema> => ({
  id: refund.id,
  paymentId: refund.paymentId,
  paymentMethod: payment.method,
  purpose: refund.purpose,
  referenceId: refund.referenceId,
  amountFen: refund.amountFen,
  status: refund.status,
  reason: refund.reason,
  externalReference: refund.externalReference,
  createdAt: refund.createdAt.toISOString(),
});

/** Refunds as finance sees them; the offline ones wait here until the money is given back. */
@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/refunds')
export class FinanceRefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Get()
  @ApiResult(200, z.object({ items: z.array(financeRefundSchema), nextCursor: z.string().nullable() }), [400, 401, 403])
  async list(@Query({ schema: refundListQuerySchema }) query: z.infer<typeof refundListQuerySchema>) {
    const page = await this.refunds.list(query);
    return { items: page.items.map((i) => toFinanceRefund(i.refund, i.payment)), nextCursor: page.nextCursor };
  }

  /** A refund with its status history. */
  @Get(':id')
  @ApiResult(200, refundDetailSchema, [400, 401, 403, 404])
  async get(@Param({ schema: idParam }) p: z.infer<typeof idParam>): Promise<z.infer<typeof refundDetailSchema>> {
    const { refund, payment, history } = await this.refunds.detail(p.id);
    return {
      ...toFinanceRefund(refund, payment),
      history: history.map((h) => ({
        from: h.fromStatus,
        to: h.toStatus,
        actorId: h.actorId,
        at: h.createdAt.toISOString(),
      })),
    };
  }

  /** The cash or bank refund went back to the buyer. Marking again with the same reference changes nothing. */
  @Post(':id/mark-paid')
  @ApiResult(201, financeRefundSchema, [400, 401, 403, 404, 409])
  async markPaid(
    @CurrentActor() actor: Actor,
    @Param({ schema: idParam }) p: z.infer<typeof idParam>,
    @Body({ schema: markPaidSchema }) body: z.infer<typeof markPaidSchema>,
  ) {
    const { refund, payment } = await this.refunds.markOfflinePaid(p.id, body.reference, actor.id);
    return toFinanceRefund(refund, payment);
  }
}
