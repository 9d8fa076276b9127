import { z } from 'zod';
import { groupedCode } from '../certificate-code';
import type { CertificateVerification, CertificateView } from '../certificates.service';

export const certificateResponseSchema = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  cohortId: z.uuid(),
  cohortTitle: z.string(),
  traineeId: z.uuid(),
  holderName: z.string(),
  /** As stored and as the verification address carries it. */
  code: z.string(),
  /** The same code in groups of four, for reading and typing. */
  codeGrouped: z.string(),
  status: z.enum(['valid', 'revoked']),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});

export const certificateListResponseSchema = z.object({ items: z.array(certificateResponseSchema) });

/** Public: nothing about the holder but a masked name. */
export const verificationResponseSchema = z.object({
  status: z.enum(['valid', 'revoked']),
  holderName: z.string().describe('First character, then asterisks'),
  cohortTitle: z.string(),
  countyCode: z.string(),
  trainerName: z.string().nullable(),
  issuedAt: z.string(),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
});

export const toCertificateResponse = ({
  certificate: c,
  cohortTitle,
}: CertificateView): z.infer<typeof certificateResponseSchema> => ({
  id: c.id,
  enrollmentId: c.enrollmentId,
  cohortId: c.cohortId,
  cohortTitle,
  traineeId: c.traineeId,
  holderName: c.holderName,
  code: c.code,
  codeGrouped: groupedCode(c.code),
  status: c.revokedAt ? 'revoked' : 'valid',
  issuedAt: c.issuedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  revokedReason: c.revokedReason,
});

export const toVerificationResponse = (v: CertificateVerification): z.infer<typeof verificationResponseSchema> => ({
  status: v.status,
  holderName: v.holderName,
  cohortTitle: v.cohortTitle,
  countyCode: v.countyCode,
  trainerName: v.trainerName,
  issuedAt: v.issuedAt.toISOString(),
  ...(v.revokedAt ? { revokedAt: v.revokedAt.toISOString(), revokedReason: v.revokedReason ?? '' } : {}),
});
