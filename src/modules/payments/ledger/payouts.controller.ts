import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../../common/auth/auth.decorators';
import { ApiResult } from '../../../common/http/openapi';
import { SellerAccess } from '../../sellers/seller-access.service';
import { LedgerService } from './ledger.service';
import { PAYOUT_STATUSES } from '../payout-state';
import { Payout, PAYOUT_METHODS } from './payout.entity';
import { PayoutsService } from './payouts.service';

const payoutSchema = z.object({
  id: z.uuid(),
  sellerId: z.uuid(),
  amountFen: z.number().int(),
  status: z.enum(PAYOUT_STATUSES),
  bankReference: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const toPayout = (p: Payout): z.infer<typeof payoutSchema> => ({
  id: p.id,
  sellerId: p.sellerId,
  amountFen: p.amountFen,
  status: p.status,
  bankReference: p.bankReference,
  createdAt: p.createdAt.toISOString(),
  paidAt: p.paidAt?.toISOString() ?? null,
});
const payoutDetailSchema = payoutSchema.extend({
  method: z.enum(PAYOUT_METHODS),
  history: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      actorId: z.string().nullable(),
      reason: z.string().nullable().describe('Why the provider refused a payout'),
      at: z.string(),
    }),
  ),
});
const idParam = z.strictObject({ id: z.uuid() });
const storeParam = z.strictObject({ sellerId: z.uuid() });
const markPaidSchema = z.strictObject({ bankReference: z.string().trim().min(4).max(64) });
const statementSchema = z.object({
  heldFen: z.number().int().describe('Owed for orders not yet delivered plus the hold period'),
  availableFen: z.number().int().describe('Owed and payable now; negative after a refund that followed a payout'),
  payouts: z.array(payoutSchema),
});

@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance')
export class FinancePayoutsController {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly ledger: LedgerService,
  ) {}

  /** Creates a payout for every seller with money available. */
  @Post('payouts/run')
  @ApiResult(201, z.object({ items: z.array(payoutSchema) }), [401, 403])
  async run() {
    return { items: (await this.payouts.run()).map(toPayout) };
  }

  /** Bank payouts waiting to be sent and marked paid, oldest first (at most 100). */
  @Get('payouts')
  @ApiResult(200, z.object({ items: z.array(payoutSchema) }), [401, 403])
  async awaiting() {
    return { items: (await this.payouts.awaitingBank(100)).map(toPayout) };
  }

  /** A payout with its status history. */
  @Get('payouts/:id')
  @ApiResult(200, payoutDetailSchema, [400, 401, 403, 404])
  async get(@Param({ schema: idParam }) p: z.infer<typeof idParam>): Promise<z.infer<typeof payoutDetailSchema>> {
    const { payout, history } = await this.payouts.detail(p.id);
    return {
      ...toPayout(payout),
      method: payout.method,
      history: history.map((h) => ({
        from: h.fromStatus,
        to: h.toStatus,
        actorId: h.actorId,
        reason: h.reason,
        at: h.createdAt.toISOString(),
      })),
    };
  }

  /** The bank transfer to the seller went out. Marking twice changes nothing. */
  @Post('payouts/:id/mark-paid')
  @ApiResult(201, payoutSchema, [400, 401, 403, 404, 409])
  async markPaid(
    @CurrentActor() actor: Actor,
    @Param({ schema: idParam }) p: z.infer<typeof idParam>,
    @Body({ schema: markPaidSchema }) body: z.infer<typeof markPaidSchema>,
  ) {
    return toPayout(await this.payouts.markPaid(p.id, actor.id, body.bankReference));
  }

  /** The sum of every ledger entry: always 0. */
  @Get('ledger/trial-balance')
  @ApiResult(200, z.object({ totalFen: z.number().int() }), [401, 403])
  async trialBalance() {
    return { totalFen: await this.ledger.trialBalance() };
  }
}

/** A store's balance and payout history, for its members. */
@ApiTags('seller')
@ApiBearerAuth()
@Controller('seller/stores/:sellerId/balance')
export class SellerBalanceController {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly access: SellerAccess,
  ) {}

  @Get()
  @ApiResult(200, statementSchema, [400, 401, 404])
  async statement(@CurrentActor() actor: Actor, @Param({ schema: storeParam }) p: z.infer<typeof storeParam>) {
    await this.access.manage(actor, p.sellerId);
    const statement = await this.payouts.statement(p.sellerId);
    return { ...statement, payouts: statement.payouts.map(toPayout) };
  }
}
