import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { PaymentsService } from './payments.service';

const paymentIdParamSchema = z.strictObject({ id: z.uuid() });
const confirmTransferSchema = z.strictObject({ bankReference: z.string().trim().min(4).max(64) });
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
