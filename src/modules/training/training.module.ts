import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { UsersModule } from '../users/users.module';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';
import { AssignmentCompletionsService } from './assignment-completions.service';
import { AssignmentsService } from './assignments.service';
import { CohortAccess } from './cohort-access.service';
import { CohortFinishing } from './cohort-finishing.service';
import { CohortListingsService } from './cohort-listings.service';
import { CohortNotices } from './cohort-notices.service';
import { CohortSessionsService } from './cohort-sessions.service';
import { CohortTimers } from './cohort-timers.service';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { TraineeSalesService } from './trainee-sales.service';
import { TrainingLifecycle } from './training-lifecycle.service';
import { AttendanceService } from './attendance.service';
import { EnrollmentViews } from './enrollment-views.service';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { SeatFees } from './seat-fees.service';
import { SeatPayments } from './seat-payments.service';

/** Exported only for training's own worker module (its listeners): docs/dependency-rules.md. */
const INTERNAL_PROVIDERS = [AssignmentCompletionsService, TraineeSalesService, SeatFees];

/**
 * Training cohorts (docs/training.md). Orders are on this module's own level: what training
 * knows of a trainee's sales it learns from `order.*` events (trainee_sales).
 */
@Module({
  imports: [UsersModule, RegionsModule, SellersModule, CatalogModule, PaymentsModule],
  providers: [
    RateLimiterFactory,
    CohortsRepository,
    CohortAccess,
    TrainingLifecycle,
    CohortsService,
    CertificatesRepository,
    CohortFinishing,
    CertificatesService,
    ProgressRepository,
    AssignmentsService,
    ProgressService,
    EnrollmentsRepository,
    EnrollmentsService,
    EnrollmentViews,
    AttendanceService,
    CohortSessionsService,
    CohortListingsService,
    CohortNotices,
    CohortTimers,
    SeatPayments,
    ...INTERNAL_PROVIDERS,
  ],
  exports: [
    CohortAccess,
    CohortsService,
    CohortFinishing,
    CertificatesService,
    AssignmentsService,
    ProgressService,
    EnrollmentsService,
    EnrollmentViews,
    AttendanceService,
    CohortSessionsService,
    CohortListingsService,
    ...INTERNAL_PROVIDERS,
    CohortNotices,
    CohortTimers,
    SeatPayments,
  ],
})
export class TrainingModule {}

// What other modules and the pages may use besides the exported services (docs/dependency-rules.md).
export { groupedCode, parseCertificateCode } from './certificate-code';
export { revokeCertificateSchema } from './dto/certificate.dto';
export { progressCsv } from './progress-csv';
export type { ProgressCsvLabels } from './progress-csv';
export { saveAttendanceSchema } from './dto/attendance.dto';
export { ATTENDANCE_MARKS, SEAT_HOLDERS, seatsLeft, seatsTaken } from './enrollment-state';
export { REQUIRABLE_ASSIGNMENTS } from './assignments';
export { canCohortTransition, COHORT_FORMATS, type CohortStatus } from './cohort-state';
export { SESSION_KINDS } from './enrollment-state';
export { MAX_SEAT_FEE_FEN } from './dto/cohort.dto';
export { paySeatSchema, SEAT_PAYMENT_METHODS, type SeatPaymentMethod } from './dto/seat-payment.dto';
export {
  cancelCohortSchema,
  createCohortSchema,
  createSessionSchema,
  patchCohortSchema,
  patchSessionSchema,
} from './dto/cohort.dto';
