import { z } from 'zod';

export const createAssignmentSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  required: z.boolean().default(false),
});
export type CreateAssignmentDto = z.infer<typeof createAssignmentSchema>;

export const markAssignmentSchema = z.strictObject({
  note: z.string().trim().max(500).optional(),
});
export type MarkAssignmentDto = z.infer<typeof markAssignmentSchema>;

/** A built-in key (`store_verified`) or a custom assignment's id. */
const assignmentKey = z.string().regex(/^[a-z_]{1,40}$|^[0-9a-f-]{36}$/i);

export const cohortAssignmentParamSchema = z.strictObject({ id: z.uuid(), aid: z.uuid() });
export const enrollmentAssignmentParamSchema = z.strictObject({ id: z.uuid(), aid: assignmentKey });
export const enrollmentParamSchema = z.strictObject({ id: z.uuid() });
