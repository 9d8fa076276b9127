import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { EnrollmentStatus } from './enrollment-state';
import { AssignmentCompletion } from './entities/assignment-completion.entity';
import { Attendance } from './entities/attendance.entity';
import { Certificate } from './entities/certificate.entity';
import { CohortAssignment } from './entities/cohort-assignment.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';

/** A certificate with what verification shows of its cohort, read in one query. */
export interface CertificateWithCohort {
  certificate: Certificate;
  cohortTitle: string;
  countyCode: string;
  trainerId: string;
}

/** Certificates, and what finishing a cohort reads to decide them (enrollments, marks, completions). */
@Injectable()
export class CertificatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Waitlisted ones in queue order, so history reads as the queue was. */
  enrollmentsOf(em: EntityManager, cohortId: string, statuses: EnrollmentStatus[]): Promise<Enrollment[]> {
    return em.getRepository(Enrollment).find({
      where: { cohortId, status: In(statuses) },
      order: { waitlistPosition: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  marksOf(em: EntityManager, enrollmentIds: string[]): Promise<Attendance[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return em.getRepository(Attendance).findBy({ enrollmentId: In(enrollmentIds) });
  }

  completionsOf(em: EntityManager, enrollmentIds: string[]): Promise<AssignmentCompletion[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return em.getRepository(AssignmentCompletion).findBy({ enrollmentId: In(enrollmentIds) });
  }

  /** The trainer's own assignments the certificate needs. */
  requiredCustomOf(em: EntityManager, cohortId: string): Promise<CohortAssignment[]> {
    return em
      .getRepository(CohortAssignment)
      .find({ where: { cohortId, required: true }, order: { createdAt: 'ASC' } });
  }

  insertCertificate(em: EntityManager, certificate: Partial<Certificate>): Promise<Certificate> {
    return em.getRepository(Certificate).save(em.getRepository(Certificate).create(certificate));
  }

  saveCertificate(em: EntityManager, certificate: Certificate): Promise<Certificate> {
    return em.getRepository(Certificate).save(certificate);
  }

  /** The row lock that makes two revocations of one certificate take turns. */
  lockCertificate(em: EntityManager, id: string): Promise<Certificate | null> {
    return em.getRepository(Certificate).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByEnrollment(enrollmentId: string): Promise<Certificate | null> {
    return this.dataSource.getRepository(Certificate).findOneBy({ enrollmentId });
  }

  ofCohort(cohortId: string): Promise<Certificate[]> {
    return this.dataSource
      .getRepository(Certificate)
      .find({ where: { cohortId }, order: { holderName: 'ASC', id: 'ASC' } });
  }

  ofTrainee(traineeId: string): Promise<Certificate[]> {
    return this.dataSource.getRepository(Certificate).find({ where: { traineeId }, order: { issuedAt: 'DESC' } });
  }

  cohortsByIds(ids: string[]): Promise<Cohort[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(Cohort).findBy({ id: In(ids) });
  }

  /** Public verification: one lookup on the code's unique index, its cohort joined in. */
  async findByCode(code: string): Promise<CertificateWithCohort | null> {
    const row = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('certificate')
      .innerJoin('cohorts', 'cohort', 'cohort.id = certificate.cohort_id')
      .addSelect([
        'cohort.title AS cohort_title',
        'cohort.county_code AS county_code',
        'cohort.trainer_id AS trainer_id',
      ])
      .where('certificate.code = :code', { code })
      .getRawAndEntities();
    const certificate = row.entities[0];
    const raw = row.raw[0] as { cohort_title: string; county_code: string; trainer_id: string } | undefined;
    if (!certificate || !raw) return null;
    return { certificate, cohortTitle: raw.cohort_title, countyCode: raw.county_code, trainerId: raw.trainer_id };
  }
}
