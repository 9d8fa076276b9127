import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { PaymentsService } from './payments.service';

const paymentIdParamSchema = z.strictObject({ id: z.uuid() });
const confirmTransferSchema = z.strictObject({ bankReference: z.string().trim().min(4).max(64) });
const confirmedSchema = z.object({ id: z.uuid(), status: z.string(), amountFen: z.number().int() });

@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/payments')
export class FinancePaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Finance saw the bank transfer arrive: the payment succeeds and the orders become paid. */
  @Post(':id/confirm-transfer')
  @ApiResult(201, confirmedSchema, [400, 401, 403, 404, 409])
  async confirmTransfer(
    @CurrentActor() actor: Actor,
    @Param({ schema: paymentIdParamSchema }) p: z.infer<typeof paymentIdParamSchema>,
    @Body({ schema: confirmTransferSchema }) body: z.infer<typeof confirmTransferSchema>,
  ) {
    const payment = await this.payments.confirmOffline(p.id, 'bank_transfer', actor.id, body.bankReference);
    return { id: payment.id, status: payment.status, amountFen: Number(payment.amountFen) };
  }
}
