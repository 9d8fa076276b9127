import { z } from 'zod';
import type { AttendanceSheet } from '../attendance.service';
import { COHORT_FORMATS, COHORT_STATUSES } from '../cohort-state';
import type { MyEnrollment, MyEnrollmentDetail, Roster } from '../enrollment-views.service';
import { ATTENDANCE_MARKS, ENROLLMENT_STATUSES } from '../enrollment-state';
import { Enrollment } from '../entities/enrollment.entity';
import { sessionResponseSchema, toSessionResponse } from './cohort.response';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const enrollmentResponseSchema = z.object({
  id: z.uuid(),
  cohortId: z.uuid(),
  traineeId: z.uuid(),
  status: z.enum(ENROLLMENT_STATUSES),
  /** 1 is next in line; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  enrolledBy: z.uuid(),
  seatConfirmedAt: z.string().nullable(),
  /** What this trainee's seat costs, in fen (0: free); fixed when the seat was held. */
  seatFeeFen: z.number(),
  /** A held seat (`awaiting_payment`) goes back then unless paid; null otherwise. */
  seatHeldUntil: z.string().nullable(),
  /** Whether the seat fee was paid (refunds, if any, are listed with the payment). */
  seatPaid: z.boolean(),
  createdAt: z.string(),
});

export const toEnrollmentResponse = (e: Enrollment): z.infer<typeof enrollmentResponseSchema> => ({
  id: e.id,
  cohortId: e.cohortId,
  traineeId: e.traineeId,
  status: e.status,
  waitlistPosition: e.waitlistPosition,
  enrolledBy: e.enrolledBy,
  seatConfirmedAt: iso(e.seatConfirmedAt),
  seatFeeFen: e.seatFeeFen,
  seatHeldUntil: iso(e.seatHeldUntil),
  seatPaid: e.seatPaymentId !== null,
  createdAt: e.createdAt.toISOString(),
});

const traineeFields = {
  displayName: z.string().nullable(),
  /** `139****0001`: the trainer sees who it is without the whole number. */
  phoneMasked: z.string().nullable(),
};

export const rosterResponseSchema = z.object({
  cohortId: z.uuid(),
  capacity: z.number(),
  enrolledCount: z.number(),
  awaitingPaymentCount: z.number(),
  waitlistLength: z.number(),
  /** Seats (by when taken), then the waitlist by position, then withdrawn. */
  items: z.array(enrollmentResponseSchema.extend(traineeFields)),
});

export const toRosterResponse = (r: Roster): z.infer<typeof rosterResponseSchema> => ({
  cohortId: r.cohort.id,
  capacity: r.cohort.capacity,
  enrolledCount: r.enrolledCount,
  awaitingPaymentCount: r.awaitingPaymentCount,
  waitlistLength: r.waitlistLength,
  items: r.entries.map((e) => ({
    ...toEnrollmentResponse(e.enrollment),
    displayName: e.displayName,
    phoneMasked: e.phoneMasked,
  })),
});

const cohortSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  countyCode: z.string(),
  format: z.enum(COHORT_FORMATS),
  status: z.enum(COHORT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  minSessionsAttended: z.number(),
});

const toCohortSummary = (c: MyEnrollment['cohort']): z.infer<typeof cohortSummarySchema> => ({
  id: c.id,
  title: c.title,
  countyCode: c.countyCode,
  format: c.format,
  status: c.status,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  minSessionsAttended: c.minSessionsAttended,
});

export const myEnrollmentsResponseSchema = z.object({
  items: z.array(
    enrollmentResponseSchema.extend({
      cohort: cohortSummarySchema,
      nextSession: sessionResponseSchema.nullable(),
    }),
  ),
});

export const toMyEnrollmentsResponse = (items: MyEnrollment[]): z.infer<typeof myEnrollmentsResponseSchema> => ({
  items: items.map((m) => ({
    ...toEnrollmentResponse(m.enrollment),
    cohort: toCohortSummary(m.cohort),
    nextSession: m.nextSession ? toSessionResponse(m.nextSession) : null,
  })),
});

export const myEnrollmentResponseSchema = enrollmentResponseSchema.extend({
  cohort: cohortSummarySchema,
  /** Every session with the caller's own mark (null until the trainer marks it). */
  sessions: z.array(sessionResponseSchema.extend({ mark: z.enum(ATTENDANCE_MARKS).nullable() })),
  /** Sessions attended: present or late. */
  attendedCount: z.number(),
});

export const toMyEnrollmentResponse = (d: MyEnrollmentDetail): z.infer<typeof myEnrollmentResponseSchema> => ({
  ...toEnrollmentResponse(d.enrollment),
  cohort: toCohortSummary(d.cohort),
  sessions: d.sessions.map((s) => ({ ...toSessionResponse(s.session), mark: s.mark })),
  attendedCount: d.attendedCount,
});

export const attendanceSheetResponseSchema = z.object({
  cohortId: z.uuid(),
  session: sessionResponseSchema,
  /** False before the session starts and once the cohort is finished or cancelled. */
  editable: z.boolean(),
  items: z.array(
    z.object({
      enrollmentId: z.uuid(),
      traineeId: z.uuid(),
      status: z.enum(ENROLLMENT_STATUSES),
      ...traineeFields,
      mark: z.enum(ATTENDANCE_MARKS).nullable(),
      attendedCount: z.number(),
    }),
  ),
});

export const toAttendanceSheetResponse = (s: AttendanceSheet): z.infer<typeof attendanceSheetResponseSchema> => ({
  cohortId: s.cohort.id,
  session: toSessionResponse(s.session),
  editable: s.editable,
  items: s.rows.map((r) => ({
    enrollmentId: r.enrollment.id,
    traineeId: r.enrollment.traineeId,
    status: r.enrollment.status,
    displayName: r.displayName,
    phoneMasked: r.phoneMasked,
    mark: r.mark,
    attendedCount: r.attendedCount,
  })),
});
