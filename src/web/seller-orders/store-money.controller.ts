import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PayoutsService } from '../../modules/payments/ledger/payouts.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { storePath } from './store-pages';
import { actorOf, idParam } from '../session/page-actor';

/**
 * What the platform owes the store and what it has paid out: the statement of the API's
 * GET seller/stores/:id/balance (PayoutsService.statement), after the same access check.
 */
@WebController('seller/stores/:storeId/money')
@SignedIn()
export class StoreMoneyController {
  constructor(
    private readonly pages: WebPages,
    private readonly payouts: PayoutsService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async page(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('storeId') storeParam: string) {
    const storeId = idParam(storeParam);
    // SellerAccess.manage, as the API's balance route checks before the statement.
    const store = await this.sellers.getManaged(actorOf(request), storeId);
    const statement = await this.payouts.statement(storeId);
    return this.pages.render(
      request,
      reply,
      'seller-orders/money',
      {
        store: { id: store.id, name: store.displayName, path: storePath(store.id) },
        heldFen: statement.heldFen,
        availableFen: statement.availableFen,
        owedFen: statement.heldFen + statement.availableFen,
        negative: statement.availableFen < 0,
        payouts: statement.payouts.map((p) => ({
          amountFen: p.amountFen,
          status: p.status,
          statusKey: `sales:payoutStatus.${p.status}`,
          methodKey: `sales:payoutMethod.${p.method}`,
          bankReference: p.bankReference,
          createdAt: p.createdAt,
          paidAt: p.paidAt,
        })),
      },
      { title: 'sales:money.title' },
    );
  }
}
