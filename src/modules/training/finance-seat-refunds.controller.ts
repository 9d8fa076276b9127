import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { REFUND_STATUSES } from '../payments/entities/refund.entity';
import { enrollmentIdParamSchema } from './dto/enrollment.dto';
import { SeatFees } from './seat-fees.service';

const seatRefundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  amountFen: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
});

/** Finance's one seat-fee action: a refund the provider refused, sent again (docs/training.md, "Seat fees"). */
@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/enrollments')
export class FinanceSeatRefundsController {
  constructor(private readonly seatFees: SeatFees) {}

  /** 409 SEAT_REFUND_NOT_DUE unless a refund of the seat failed and some of its fee is still owed. */
  @Post(':id/seat-refund')
  @ApiResult(201, seatRefundSchema, [400, 401, 403, 404, 409])
  async refundAgain(
    @CurrentActor() actor: Actor,
    @Param({ schema: enrollmentIdParamSchema }) p: z.infer<typeof enrollmentIdParamSchema>,
  ) {
    const refund = await this.seatFees.refundAgain(p.id, actor.id);
    return {
      id: refund.id,
      paymentId: refund.paymentId,
      amountFen: refund.amountFen,
      status: refund.status,
      reason: refund.reason,
    };
  }
}
