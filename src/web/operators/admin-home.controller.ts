import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProductReviewService } from '../../modules/catalog/product-review.service';
import { PayoutsService } from '../../modules/payments/ledger/payouts.service';
import { PaymentsService } from '../../modules/payments/payments.service';
import { RefundsService } from '../../modules/payments/refunds.service';
import { SellerReviewService } from '../../modules/sellers/seller-review.service';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/** Counted up to this many; past it the page says "99+". */
const COUNTED = 99;

/** The operator's home: how much waits in each queue, and the way to it. */
@WebController('admin')
@SignedIn('admin')
export class AdminHomeController {
  constructor(
    private readonly pages: WebPages,
    private readonly stores: SellerReviewService,
    private readonly products: ProductReviewService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const stores = await this.stores.list({ status: 'pending_review', limit: COUNTED });
    const products = await this.products.list({ awaiting: 'review', limit: COUNTED });
    const refunds = await this.refunds.list({ status: 'pending', provider: 'offline', limit: COUNTED });
    const counts = {
      stores: countOf(stores.items.length, stores.nextCursor),
      products: countOf(products.items.length, products.nextCursor),
      transfers: countOf((await this.payments.awaitingTransfers(COUNTED + 1)).length),
      refunds: countOf(refunds.items.length, refunds.nextCursor),
      payouts: countOf((await this.payouts.awaitingBank(COUNTED + 1)).length),
    };
    return this.pages.render(request, reply, 'operators/admin-home', { counts }, { title: 'operators:home.title' });
  }
}

const countOf = (shown: number, more?: string | null): string =>
  more || shown > COUNTED ? `${COUNTED}+` : String(shown);
