import { z } from 'zod';
import { ATTENDANCE_MARKS } from '../enrollment-state';

export const sessionParamsSchema = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });

/** PUT …/attendance: the marks to set (upserted); trainees left out keep what they had. */
export const saveAttendanceSchema = z.strictObject({
  marks: z
    .array(z.strictObject({ enrollmentId: z.uuid(), mark: z.enum(ATTENDANCE_MARKS) }))
    .min(1)
    .max(1000)
    .refine((marks) => new Set(marks.map((m) => m.enrollmentId)).size === marks.length, {
      message: 'each enrollment is marked once',
    }),
});
export type SaveAttendanceDto = z.infer<typeof saveAttendanceSchema>;
