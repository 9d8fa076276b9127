import { Body, Controller, Delete, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import type { PageQuery } from '../../common/http/pagination';
import {
  CreateLiveSessionDto,
  createLiveSessionSchema,
  liveItemParamSchema,
  liveSessionIdParamSchema,
  liveSessionListQuerySchema,
  PatchLiveSessionDto,
  patchLiveSessionSchema,
  PinItemDto,
  pinItemSchema,
} from './dto/live-session.dto';
import {
  liveItemResponseSchema,
  liveSessionDetailResponseSchema,
  liveSessionPageSchema,
  liveSessionReportResponseSchema,
  liveSessionResponseSchema,
  liveShowcaseResponseSchema,
  toLiveItemResponse,
  toLiveSessionDetailResponse,
  toLiveSessionReportResponse,
  toLiveSessionResponse,
  toLiveShowcaseResponse,
} from './dto/live-session.response';
import { LiveItemsService } from './live-items.service';
import { LiveSessionViews } from './live-session-views.service';
import { LiveSessionsService } from './live-sessions.service';

type IdParams = z.infer<typeof liveSessionIdParamSchema>;
type ItemParams = z.infer<typeof liveItemParamSchema>;
const cancelSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).default({});

/** Live sessions: the viewers' page, and the host's (and co-managers') changes. */
@ApiTags('livestreams')
@ApiBearerAuth()
@Controller()
export class LiveSessionsController {
  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly items: LiveItemsService,
    private readonly views: LiveSessionViews,
  ) {}

  /**
   * What every viewer polls: the session and its pinned items with live price and units left.
   * Read at most once a second per session; the ETag answers an unchanged poll with 304.
   */
  @Public()
  @Get('live-sessions/:id')
  @Header('Cache-Control', 'public, max-age=1')
  @ApiResult(200, liveShowcaseResponseSchema, [400, 404])
  async showcase(@Param({ schema: liveSessionIdParamSchema }) params: IdParams) {
    const { session, items } = await this.views.showcase(params.id);
    return toLiveShowcaseResponse(session, items);
  }

  @Post('live-sessions')
  @ApiResult(201, liveSessionResponseSchema, [400, 401, 404, 409])
  async create(@CurrentActor() actor: Actor, @Body({ schema: createLiveSessionSchema }) body: CreateLiveSessionDto) {
    return toLiveSessionResponse(await this.sessions.create(actor, body));
  }

  @Patch('live-sessions/:id')
  @ApiResult(200, liveSessionResponseSchema, [400, 401, 404, 409])
  async update(
    @CurrentActor() actor: Actor,
    @Param({ schema: liveSessionIdParamSchema }) params: IdParams,
    @Body({ schema: patchLiveSessionSchema }) body: PatchLiveSessionDto,
  ) {
    return toLiveSessionResponse(await this.sessions.update(actor, params.id, body));
  }

  @Post('live-sessions/:id/start')
  @ApiResult(201, liveSessionResponseSchema, [400, 401, 404, 409])
  async start(@CurrentActor() actor: Actor, @Param({ schema: liveSessionIdParamSchema }) params: IdParams) {
    return toLiveSessionResponse(await this.sessions.start(actor, params.id));
  }

  @Post('live-sessions/:id/end')
  @ApiResult(201, liveSessionResponseSchema, [400, 401, 404, 409])
  async end(@CurrentActor() actor: Actor, @Param({ schema: liveSessionIdParamSchema }) params: IdParams) {
    return toLiveSessionResponse(await this.sessions.end(actor, params.id));
  }

  @Post('live-sessions/:id/cancel')
  @ApiResult(201, liveSessionResponseSchema, [400, 401, 404, 409])
  async cancel(
    @CurrentActor() actor: Actor,
    @Param({ schema: liveSessionIdParamSchema }) params: IdParams,
    @Body({ schema: cancelSchema }) body: z.infer<typeof cancelSchema>,
  ) {
    return toLiveSessionResponse(await this.sessions.cancel(actor, params.id, body.reason ?? null));
  }

  /** Pins a variant of the session's store: its live price, the units set aside, the per-buyer limit. */
  @Post('live-sessions/:id/items')
  @ApiResult(201, liveItemResponseSchema, [400, 401, 404, 409])
  async pin(
    @CurrentActor() actor: Actor,
    @Param({ schema: liveSessionIdParamSchema }) params: IdParams,
    @Body({ schema: pinItemSchema }) body: PinItemDto,
  ) {
    return toLiveItemResponse(await this.items.pin(actor, params.id, body));
  }

  /** Unpins: the unsold units go back to the variant's stock. */
  @Delete('live-sessions/:id/items/:itemId')
  @ApiResult(200, liveItemResponseSchema, [400, 401, 404, 409])
  async unpin(@CurrentActor() actor: Actor, @Param({ schema: liveItemParamSchema }) params: ItemParams) {
    return toLiveItemResponse(await this.items.unpin(actor, params.id, params.itemId));
  }

  /** The sessions of the stores the caller runs and the practice rooms they co-manage. */
  @Get('seller/live-sessions')
  @ApiResult(200, liveSessionPageSchema, [400, 401])
  async listManaged(@CurrentActor() actor: Actor, @Query({ schema: liveSessionListQuerySchema }) query: PageQuery) {
    const page = await this.sessions.listManaged(actor, query);
    return { items: page.items.map(toLiveSessionResponse), nextCursor: page.nextCursor };
  }

  /** What the session sold: orders, units, paid GMV (refunds out), buyers, and per item. */
  @Get('seller/live-sessions/:id/report')
  @ApiResult(200, liveSessionReportResponseSchema, [400, 401, 404])
  async report(@CurrentActor() actor: Actor, @Param({ schema: liveSessionIdParamSchema }) params: IdParams) {
    const { session, report, items } = await this.sessions.report(actor, params.id);
    return toLiveSessionReportResponse(session, report, items);
  }

  /** A session as its host sees it: every item it pinned (also unpinned ones) and its history. */
  @Get('seller/live-sessions/:id')
  @ApiResult(200, liveSessionDetailResponseSchema, [400, 401, 404])
  async detail(@CurrentActor() actor: Actor, @Param({ schema: liveSessionIdParamSchema }) params: IdParams) {
    const { session, items, history } = await this.sessions.detail(actor, params.id);
    return toLiveSessionDetailResponse(session, items, history);
  }
}
