import { z } from 'zod';
import type { AssignmentState, CohortAssignmentView } from '../assignments.service';
import type { CohortAssignment } from '../entities/cohort-assignment.entity';

const evidenceSchema = z
  .object({
    eventId: z.uuid().optional(),
    sellerId: z.uuid().optional(),
    productId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    liveSessionId: z.uuid().optional(),
    note: z.string().optional(),
  })
  .describe('What the completion rests on: the event and its ids (built-in), or the trainer’s note (custom)');

export const cohortAssignmentResponseSchema = z.object({
  key: z.string().describe('A built-in key (store_verified, …) or the custom assignment’s id'),
  kind: z.enum(['builtin', 'custom']),
  title: z.string().nullable().describe('Custom assignments only; built-in ones are named by their key'),
  description: z.string(),
  required: z.boolean().describe('Needed for the certificate'),
  completesItself: z.boolean().describe('Built-in: done from what the trainee does, never by hand'),
});

export const assignmentStateResponseSchema = cohortAssignmentResponseSchema.extend({
  done: z.boolean(),
  completedAt: z.string().nullable(),
  evidence: evidenceSchema.nullable(),
  markedBy: z.uuid().nullable(),
});

export const assignmentListResponseSchema = z.object({ items: z.array(cohortAssignmentResponseSchema) });
export const assignmentStatesResponseSchema = z.object({
  enrollmentId: z.uuid(),
  cohortId: z.uuid(),
  items: z.array(assignmentStateResponseSchema),
});

export const toCohortAssignmentResponse = (
  a: CohortAssignmentView,
): z.infer<typeof cohortAssignmentResponseSchema> => ({
  key: a.key,
  kind: a.kind,
  title: a.title,
  description: a.description,
  required: a.required,
  completesItself: a.kind === 'builtin',
});

export const toAssignmentStateResponse = (a: AssignmentState): z.infer<typeof assignmentStateResponseSchema> => ({
  ...toCohortAssignmentResponse(a),
  done: a.completion !== null,
  completedAt: a.completion?.completedAt.toISOString() ?? null,
  evidence: a.completion?.evidence ?? null,
  markedBy: a.completion?.markedBy ?? null,
});

export const toCustomAssignmentResponse = (a: CohortAssignment) =>
  toCohortAssignmentResponse({
    key: a.id,
    kind: 'custom',
    title: a.title,
    description: a.description,
    required: a.required,
  });
