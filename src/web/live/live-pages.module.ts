import { Module, type Type } from '@nestjs/common';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { LivestreamsModule } from '../../modules/livestreams/livestreams.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { TrainingModule } from '../../modules/training/training.module';
import { WebCoreModule } from '../web-core.module';
import { LiveConsolePagesController } from './live-console-pages.controller';
import { LiveConsoleView } from './live-console-view.service';
import { LiveHostPagesController } from './live-host-pages.controller';
import { LiveViewerPagesController } from './live-viewer-pages.controller';

export const LIVE_CONTROLLERS: Type[] = [
  LiveHostPagesController,
  LiveConsolePagesController,
  LiveViewerPagesController,
];

/**
 * Live selling (docs/livestreams.md): the host's sessions and console with its live figures,
 * the session report, and the viewer's page from the shared link. Catalog names the store's
 * variants to pin; training lists the cohorts a trainee may open a practice room in.
 */
@Module({
  imports: [WebCoreModule, LivestreamsModule, CatalogModule, SellersModule, TrainingModule],
  controllers: LIVE_CONTROLLERS,
  providers: [LiveConsoleView],
})
export class LivePagesModule {}
