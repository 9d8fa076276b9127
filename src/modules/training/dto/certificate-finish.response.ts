import { z } from 'zod';
import { BUILTIN_ASSIGNMENTS } from '../assignments';
import type { FinishOutcome, FinishPreview } from '../cohort-finishing.service';
import { cohortResponseSchema, toCohortResponse } from './cohort.response';
import { certificateResponseSchema, toCertificateResponse } from './certificate.response';

const shortfallSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sessions'), attended: z.number(), required: z.number() }),
  z.object({ kind: z.literal('assignment'), assignment: z.enum(BUILTIN_ASSIGNMENTS) }),
  z.object({ kind: z.literal('custom_assignment'), assignmentId: z.uuid(), title: z.string() }),
]);

export const finishPreviewResponseSchema = z.object({
  cohortId: z.uuid(),
  minSessionsAttended: z.number(),
  requiredAssignments: z.array(z.enum(BUILTIN_ASSIGNMENTS)),
  sessions: z.number(),
  /** Withdrawn when the cohort finishes. */
  waitlisted: z.number(),
  trainees: z.array(
    z.object({
      enrollmentId: z.uuid(),
      traineeId: z.uuid(),
      name: z.string(),
      attended: z.number(),
      completes: z.boolean(),
      shortfalls: z.array(shortfallSchema),
    }),
  ),
});

export const finishResponseSchema = z.object({
  cohort: cohortResponseSchema,
  completed: z.number(),
  notCompleted: z.number(),
  withdrawn: z.number(),
  certificates: z.array(certificateResponseSchema),
});

export const toFinishPreviewResponse = (p: FinishPreview): z.infer<typeof finishPreviewResponseSchema> => ({
  cohortId: p.cohort.id,
  minSessionsAttended: p.cohort.minSessionsAttended,
  requiredAssignments: p.cohort.requiredAssignments,
  sessions: p.sessions,
  waitlisted: p.waitlisted,
  trainees: p.trainees.map((t) => ({
    enrollmentId: t.enrollment.id,
    traineeId: t.enrollment.traineeId,
    name: t.name,
    attended: t.verdict.attended,
    completes: t.verdict.completed,
    shortfalls: t.verdict.shortfalls,
  })),
});

export const toFinishResponse = (o: FinishOutcome): z.infer<typeof finishResponseSchema> => ({
  cohort: toCohortResponse(o.cohort),
  completed: o.completed,
  notCompleted: o.notCompleted,
  withdrawn: o.withdrawn,
  certificates: o.certificates.map((certificate) =>
    toCertificateResponse({ certificate, cohortTitle: o.cohort.title }),
  ),
});
