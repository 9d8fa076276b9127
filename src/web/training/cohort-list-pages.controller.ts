import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RegionsService } from '../../modules/regions/regions.service';
import { CohortListingsService } from '../../modules/training/cohort-listings.service';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { seatsLeft } from '../../modules/training/training.module';

const PAGE_SIZE = 20;

/** The cohorts anyone may join, soonest start first; each card leads to the cohort's own page. */
@WebController('cohorts')
export class CohortListPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly listings: CohortListingsService,
    private readonly regions: RegionsService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const page = await this.listings.listPublic({
      cursor: typeof cursor === 'string' && cursor ? cursor : undefined,
      limit: PAGE_SIZE,
    });
    const [names, seats] = await Promise.all([
      this.regions.names([...new Set(page.items.map((c) => c.countyCode))]),
      this.listings.seatsOf(page.items.map((c) => c.id)),
    ]);
    const cohorts = page.items.map((c) => ({
      ...c,
      county: names.get(c.countyCode) ?? c.countyCode,
      formatKey: `cohorts:format.${c.format}`,
      statusKey: `cohorts:status.${c.status}`,
      seatsLeft: seatsLeft(c.capacity, seats.get(c.id) ?? { enrolled: 0, awaitingPayment: 0, waitlisted: 0 }),
    }));
    const more = page.nextCursor ? `?${new URLSearchParams({ cursor: page.nextCursor }).toString()}` : null;
    return this.pages.render(request, reply, 'training/cohorts', { cohorts, more }, { title: 'cohorts:public.title' });
  }
}
