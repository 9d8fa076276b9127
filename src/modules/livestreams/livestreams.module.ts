import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { SellersModule } from '../sellers/sellers.module';
import { LiveItemsService } from './live-items.service';
import { LiveSalesService } from './live-sales.service';
import { LiveSessionAccess } from './live-session-access.service';
import { LiveSessionLifecycle } from './live-session-lifecycle.service';
import { LiveSessionTimers } from './live-session-timers.service';
import { LiveSessionViews } from './live-session-views.service';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LiveSessionsService } from './live-sessions.service';

/** Exported only for livestreams' own worker module (its listener and timer): docs/dependency-rules.md. */
const INTERNAL_PROVIDERS = [LiveSessionsRepository, LiveSessionTimers, LiveSalesService];

/**
 * Live selling (docs/livestreams.md). What a session sells are catalog's live offers; checkout
 * (orders, on this module's level) buys from them without asking livestreams; what training
 * knows of a trainee's sessions it learns from `live-session.status-changed`.
 */
@Module({
  imports: [SellersModule, CatalogModule, PaymentsModule],
  providers: [
    LiveSessionAccess,
    LiveSessionLifecycle,
    LiveSessionViews,
    LiveSessionsService,
    LiveItemsService,
    ...INTERNAL_PROVIDERS,
  ],
  exports: [LiveSessionsService, LiveItemsService, LiveSessionViews, ...INTERNAL_PROVIDERS],
})
export class LivestreamsModule {}

export { LIVE_PLATFORMS, LIVE_SESSION_STATUSES, type LivePlatform, type LiveSessionStatus } from './live-session-state';
export { createLiveSessionSchema, patchLiveSessionSchema, pinItemSchema } from './dto/live-session.dto';
