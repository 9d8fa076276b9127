import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { UsersModule } from '../users/users.module';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { TrainingLifecycle } from './training-lifecycle.service';
import { AttendanceService } from './attendance.service';
import { EnrollmentViews } from './enrollment-views.service';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';

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
    EnrollmentsRepository,
    EnrollmentsService,
    EnrollmentViews,
    AttendanceService,
  ],
  exports: [CohortAccess, CohortsService, EnrollmentsService, EnrollmentViews, AttendanceService],
})
export class TrainingModule {}

// What the pages use besides the services (docs/dependency-rules.md).
export { saveAttendanceSchema } from './dto/attendance.dto';
export { ATTENDANCE_MARKS } from './enrollment-state';
