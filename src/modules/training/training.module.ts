import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentsModule } from '../payments/payments.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { UsersModule } from '../users/users.module';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';
import { CohortAccess } from './cohort-access.service';
import { CohortFinishing } from './cohort-finishing.service';
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
    CertificatesRepository,
    CohortFinishing,
    CertificatesService,
  ],
  exports: [CohortAccess, CohortsService, CohortFinishing, CertificatesService],
})
export class TrainingModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { createCohortSchema, createSessionSchema } from './dto/cohort.dto';
export { groupedCode, parseCertificateCode } from './certificate-code';
export { revokeCertificateSchema } from './dto/certificate.dto';
