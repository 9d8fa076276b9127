import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { UsersModule } from '../users/users.module';
import { CohortAccess } from './cohort-access.service';
import { CohortListingsService } from './cohort-listings.service';
import { CohortNotices } from './cohort-notices.service';
import { CohortSessionsService } from './cohort-sessions.service';
import { CohortTimers } from './cohort-timers.service';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { TrainingLifecycle } from './training-lifecycle.service';

/**
 * Training cohorts (docs/training.md). Orders are on this module's own level: what training
 * knows of a trainee's sales it learns from `order.*` events (trainee_sales).
 */
@Module({
  imports: [UsersModule, RegionsModule, SellersModule, CatalogModule, PaymentsModule],
  providers: [
    CohortsRepository,
    CohortAccess,
    TrainingLifecycle,
    CohortsService,
    CohortSessionsService,
    CohortListingsService,
    CohortNotices,
    CohortTimers,
  ],
  exports: [CohortAccess, CohortsService, CohortSessionsService, CohortListingsService, CohortNotices, CohortTimers],
})
export class TrainingModule {}

// What the pages use besides the exported services (docs/dependency-rules.md).
export { BUILTIN_ASSIGNMENTS } from './assignments';
export { canCohortTransition, COHORT_FORMATS, type CohortStatus } from './cohort-state';
export { SESSION_KINDS } from './enrollment-state';
export {
  cancelCohortSchema,
  createCohortSchema,
  createSessionSchema,
  patchCohortSchema,
  patchSessionSchema,
} from './dto/cohort.dto';
