import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { PaymentsService } from './payments.service';

const paymentIdParamSchema = z.strictObject({ id: z.uuid() });
const confirmTransferSchema = z.strictObject({ bankReference: z.string().trim().min(4).max(64) });
const confirmByReferenceSchema = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(4)
    .max(32)
    .describe('The transfer reference the buyer wrote in the remark (case, spaces and dashes ignored)'),
  bankReference: z.string().trim().min(4).max(64).describe("The bank's own reference of the incoming transfer"),
});
const awaitingTransferSchema = z.object({
  id: z.uuid(),
  reference: z.string().describe('What the buyer writes in the remark of the transfer'),
  amountFen: z.number().int(),
  purpose: z.string(),
  referenceId: z.uuid(),
  createdAt: z.string(),
});
const confirmedSchema = z.object({ id: z.uuid(), status: z.string(), amountFen: z.number().int() });
const paymentDetailSchema = z.object({
  id: z.uuid(),
  purpose: z.string(),
  referenceId: z.uuid(),
  method: z.string(),
  status: z.string(),
  amountFen: z.number().int(),
  currency: z.string(),
  externalReference: z.string().nullable(),
  history: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), actorId: z.string().nullable(), at: z.string() }),
  ),
});

@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/payments')
export class FinancePaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get(':id')
  @ApiResult(200, paymentDetailSchema, [400, 401, 403, 404])
  async get(@Param({ schema: paymentIdParamSchema }) p: z.infer<typeof paymentIdParamSchema>) {
    const payment = await this.payments.get(p.id);
    const history = await this.payments.history(p.id);
    return {
      id: payment.id,
      purpose: payment.purpose,
      referenceId: payment.referenceId,
      method: payment.method,
      status: payment.status,
      amountFen: payment.amountFen,
      currency: payment.currency,
      externalReference: payment.externalReference,
      history: history.map((h) => ({
        from: h.fromStatus,
        to: h.toStatus,
        actorId: h.actorId,
        at: h.createdAt.toISOString(),
      })),
    };
  }

  /** Finance saw the bank transfer arrive: the payment succeeds and the orders become paid. */
  @Post(':id/confirm-transfer')
  @ApiResult(201, confirmedSchema, [400, 401, 403, 404, 409])
  async confirmTransfer(
    @CurrentActor() actor: Actor,
    @Param({ schema: paymentIdParamSchema }) p: z.infer<typeof paymentIdParamSchema>,
    @Body({ schema: confirmTransferSchema }) body: z.infer<typeof confirmTransferSchema>,
  ) {
    const payment = await this.payments.confirmOffline(p.id, 'bank_transfer', actor.id, body.bankReference);
    return { id: payment.id, status: payment.status, amountFen: payment.amountFen };
  }
}

/** Finance works from the bank statement, where a transfer carries the buyer's remark, not our ids. */
@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/bank-transfers')
export class FinanceBankTransfersController {
  constructor(private readonly payments: PaymentsService) {}

  /** Bank transfers not yet seen on the statement, oldest first (at most 100). */
  @Get()
  @ApiResult(200, z.object({ items: z.array(awaitingTransferSchema) }), [401, 403])
  async awaiting() {
    const payments = await this.payments.awaitingTransfers(100);
    return {
      items: payments.map((p) => ({
        id: p.id,
        reference: p.transferReference ?? '',
        amountFen: p.amountFen,
        purpose: p.purpose,
        referenceId: p.referenceId,
        createdAt: p.createdAt.toISOString(),
      })),
    };
  }

  /** The transfer whose remark carries `reference` arrived: its payment succeeds and its orders become paid. */
  @Post('confirm')
  @ApiResult(201, confirmedSchema, [400, 401, 403, 404, 409])
  async confirm(
    @CurrentActor() actor: Actor,
    @Body({ schema: confirmByReferenceSchema }) body: z.infer<typeof confirmByReferenceSchema>,
  ) {
    const payment = await this.payments.confirmTransferByReference(body.reference, actor.id, body.bankReference);
    return { id: payment.id, status: payment.status, amountFen: payment.amountFen };
  }
}
