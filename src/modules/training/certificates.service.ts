import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeOrThrow, RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { UsersService } from '../users/users.service';
import { parseCertificateCode } from './certificate-code';
import { CertificatesRepository } from './certificates.repository';
import { CohortAccess } from './cohort-access.service';
import { Certificate } from './entities/certificate.entity';
import { Cohort } from './entities/cohort.entity';
import { TrainingErrors } from './training.errors';

/** What anyone holding a code may learn: whether it is good, and a hint of whose it is. */
export interface CertificateVerification {
  status: 'valid' | 'revoked';
  /** First character, then one asterisk per further character (张**, L*****). */
  holderName: string;
  cohortTitle: string;
  countyCode: string;
  trainerName: string | null;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** A certificate with its cohort's title, as lists show it. */
export interface CertificateView {
  certificate: Certificate;
  cohortTitle: string;
}

/** A trainee's own certificate with what its printed page shows. */
export interface PrintableCertificate {
  certificate: Certificate;
  cohort: Cohort;
  trainerName: string | null;
}

/** Verification, revocation and the lists of certificates (docs/training.md, "Finishing and certificates"). */
/** Public verifications per client address: a person checks a few; a page of QR codes, a few dozen. */
const VERIFICATIONS_PER_ADDRESS = { name: 'certificates:verify', points: 60, durationSeconds: 60 };

@Injectable()
export class CertificatesService {
  /** Made at the first verification: the worker, which loads this service too, never opens its counters. */
  private verifications?: RateLimiterAbstract;

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly access: CohortAccess,
    private readonly users: UsersService,
    private readonly limits: RateLimiterFactory,
  ) {}

  /**
   * Public and cheap: a code that cannot be one never reaches the database, a real one is one
   * lookup on the unique index (and the trainer's name). Unknown and malformed codes answer
   * alike, CERTIFICATE_NOT_FOUND, so nothing hints at which codes exist.
   */
  async verify(input: string, clientAddress: string): Promise<CertificateVerification> {
    // Codes are 128 random bits, so guessing is hopeless anyway; the limit keeps a scraper from
    // turning the public page into load.
    this.verifications ??= this.limits.create(VERIFICATIONS_PER_ADDRESS);
    await consumeOrThrow(this.verifications, clientAddress, 'VERIFY_RATE_LIMITED');
    const code = parseCertificateCode(input);
    const found = code ? await this.certificates.findByCode(code) : null;
    if (!found) throw TrainingErrors.certificateNotFound();
    const { certificate } = found;
    const trainer = await this.users.findById(found.trainerId);
    return {
      status: certificate.revokedAt ? 'revoked' : 'valid',
      holderName: maskName(certificate.holderName),
      cohortTitle: found.cohortTitle,
      countyCode: found.countyCode,
      trainerName: trainer?.displayName ?? null,
      issuedAt: certificate.issuedAt,
      revokedAt: certificate.revokedAt,
      revokedReason: certificate.revokedReason,
    };
  }

  /** The cohort's manager withdraws a certificate; verification says so with the reason from then on. */
  async revoke(actor: Actor, certificateId: string, reason: string): Promise<CertificateView> {
    return this.certificates.transaction(async (em) => {
      const certificate = await this.certificates.lockCertificate(em, certificateId);
      if (!certificate) throw TrainingErrors.certificateNotFound();
      const cohort = await this.manageable(actor, certificate.cohortId);
      if (certificate.revokedAt) {
        throw new DomainError('conflict', 'CERTIFICATE_ALREADY_REVOKED', 'The certificate is already revoked', {
          revokedAt: certificate.revokedAt.toISOString(),
        });
      }
      certificate.revokedAt = new Date();
      certificate.revokedReason = reason;
      certificate.revokedBy = actor.id;
      return { certificate: await this.certificates.saveCertificate(em, certificate), cohortTitle: cohort.title };
    });
  }

  /** Every certificate of a cohort, for its trainer (or an admin). */
  async ofCohort(actor: Actor, cohortId: string): Promise<CertificateView[]> {
    const cohort = await this.access.manage(actor, cohortId);
    const certificates = await this.certificates.ofCohort(cohort.id);
    return certificates.map((certificate) => ({ certificate, cohortTitle: cohort.title }));
  }

  /** The caller's own certificates, newest first. */
  async mine(actor: Actor): Promise<CertificateView[]> {
    const certificates = await this.certificates.ofTrainee(actor.id);
    const cohorts = await this.certificates.cohortsByIds([...new Set(certificates.map((c) => c.cohortId))]);
    const titles = new Map(cohorts.map((c) => [c.id, c.title]));
    return certificates.map((certificate) => ({ certificate, cohortTitle: titles.get(certificate.cohortId) ?? '' }));
  }

  /** The certificate of one of the caller's enrollments; anyone else's (or none) is CERTIFICATE_NOT_FOUND. */
  async printable(actor: Actor, enrollmentId: string): Promise<PrintableCertificate> {
    const certificate = await this.certificates.findByEnrollment(enrollmentId);
    if (!certificate || certificate.traineeId !== actor.id) throw TrainingErrors.certificateNotFound();
    const [cohort] = await this.certificates.cohortsByIds([certificate.cohortId]);
    const trainer = await this.users.findById(cohort.trainerId);
    return { certificate, cohort, trainerName: trainer?.displayName ?? null };
  }

  /** Someone else's certificate is "not found", exactly like one that does not exist. */
  private async manageable(actor: Actor, cohortId: string): Promise<Cohort> {
    const [cohort] = await this.certificates.cohortsByIds([cohortId]);
    if (!cohort || !this.access.mayManage(actor, cohort)) throw TrainingErrors.certificateNotFound();
    return cohort;
  }
}

/** 张三丰 → 张**, Lin Wei → L******: counted in characters, so a name outside the BMP is not split. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(chars.length - 1);
}
