import { z } from 'zod';
import { ENROLLMENT_STATUSES } from '../enrollment-state';
import type { ProgressBoard, TraineeProgress } from '../progress.service';
import {
  assignmentStateResponseSchema,
  cohortAssignmentResponseSchema,
  toAssignmentStateResponse,
  toCohortAssignmentResponse,
} from './assignment.response';

export const traineeProgressResponseSchema = z.object({
  enrollmentId: z.uuid(),
  traineeId: z.uuid(),
  name: z.string(),
  status: z.enum(ENROLLMENT_STATUSES),
  enrolledAt: z.string(),
  attended: z.number().int().describe('Sessions attended (present or late)'),
  sessionsHeld: z.number().int().describe('Sessions of the cohort started so far'),
  assignments: z.array(assignmentStateResponseSchema),
  gmvFen: z.number().int().describe('Settled goods of sales paid since enrolment'),
  firstSaleAt: z.string().nullable(),
  trainerActions: z.array(z.object({ action: z.string(), at: z.string() })),
});

export const progressBoardResponseSchema = z.object({
  cohortId: z.uuid(),
  sessionsHeld: z.number().int(),
  assignments: z.array(cohortAssignmentResponseSchema),
  trainees: z.array(traineeProgressResponseSchema),
  totals: z.object({
    trainees: z.number().int(),
    withSale: z.number().int(),
    withSaleInWindow: z.number().int().describe('Trainees with a sale by 30 days after the cohort ends'),
    shareWithSaleInWindow: z.number().int().nullable().describe('Whole percent of trainees'),
    gmvFen: z.number().int(),
  }),
});

export const toTraineeProgressResponse = (
  t: TraineeProgress,
  sessionsHeld: number,
): z.infer<typeof traineeProgressResponseSchema> => ({
  enrollmentId: t.enrollment.id,
  traineeId: t.enrollment.traineeId,
  name: t.name,
  status: t.enrollment.status,
  enrolledAt: t.enrollment.createdAt.toISOString(),
  attended: t.attended,
  sessionsHeld,
  assignments: t.assignments.map(toAssignmentStateResponse),
  gmvFen: t.gmvFen,
  firstSaleAt: t.firstSaleAt?.toISOString() ?? null,
  trainerActions: t.trainerActions.map((a) => ({ action: a.action, at: a.at.toISOString() })),
});

export const toProgressBoardResponse = (b: ProgressBoard): z.infer<typeof progressBoardResponseSchema> => ({
  cohortId: b.cohort.id,
  sessionsHeld: b.sessionsHeld,
  assignments: b.assignments.map(toCohortAssignmentResponse),
  trainees: b.trainees.map((t) => toTraineeProgressResponse(t, b.sessionsHeld)),
  totals: b.totals,
});
