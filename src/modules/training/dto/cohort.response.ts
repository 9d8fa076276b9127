import { z } from 'zod';
import { BUILTIN_ASSIGNMENTS } from '../assignments';
import { COHORT_FORMATS, COHORT_STATUSES } from '../cohort-state';
import { type SeatCounts, seatsLeft, SESSION_KINDS } from '../enrollment-state';
import { CohortSession } from '../entities/cohort-session.entity';
import { CohortStatusChange } from '../entities/cohort-status-change.entity';
import { Cohort } from '../entities/cohort.entity';

export const sessionResponseSchema = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  durationMinutes: z.number(),
  topic: z.string(),
  kind: z.enum(SESSION_KINDS),
  place: z.string().nullable(),
  link: z.string().nullable(),
});

export const cohortResponseSchema = z.object({
  id: z.uuid(),
  trainerId: z.uuid(),
  title: z.string(),
  description: z.string(),
  countyCode: z.string(),
  format: z.enum(COHORT_FORMATS),
  capacity: z.number(),
  /** What a seat costs, in fen; 0 is free. */
  seatFeeFen: z.number(),
  /** The trainer's store that collects the seat fees; null when seats are free. */
  feeSellerId: z.uuid().nullable(),
  enrolmentOpensAt: z.string(),
  enrolmentClosesAt: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  minSessionsAttended: z.number(),
  requiredAssignments: z.array(z.enum(BUILTIN_ASSIGNMENTS)),
  status: z.enum(COHORT_STATUSES),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});

export const toSessionResponse = (s: CohortSession): z.infer<typeof sessionResponseSchema> => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  durationMinutes: s.durationMinutes,
  topic: s.topic,
  kind: s.kind,
  place: s.place,
  link: s.link,
});

export const toCohortResponse = (c: Cohort): z.infer<typeof cohortResponseSchema> => ({
  id: c.id,
  trainerId: c.trainerId,
  title: c.title,
  description: c.description,
  countyCode: c.countyCode,
  format: c.format,
  capacity: c.capacity,
  seatFeeFen: c.seatFeeFen,
  feeSellerId: c.feeSellerId,
  enrolmentOpensAt: c.enrolmentOpensAt.toISOString(),
  enrolmentClosesAt: c.enrolmentClosesAt.toISOString(),
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  minSessionsAttended: c.minSessionsAttended,
  requiredAssignments: c.requiredAssignments,
  status: c.status,
  cancelReason: c.cancelReason,
  createdAt: c.createdAt.toISOString(),
});

export const cohortPageSchema = z.object({ items: z.array(cohortResponseSchema), nextCursor: z.string().nullable() });

/**
 * A session as anyone sees it: an online class's link is for its trainees (their schedule
 * carries it), so the public only learns that the class is online.
 */
export const publicSessionResponseSchema = sessionResponseSchema.omit({ link: true }).extend({ online: z.boolean() });

export const toPublicSessionResponse = (s: CohortSession): z.infer<typeof publicSessionResponseSchema> => {
  const { link, ...rest } = toSessionResponse(s);
  return { ...rest, online: link !== null };
};

export const cohortDetailResponseSchema = cohortResponseSchema.extend({
  sessions: z.array(publicSessionResponseSchema),
  enrolledCount: z.number(),
  /** Seats held for trainees paying their seat fee: taken, not yet confirmed. */
  awaitingPaymentCount: z.number(),
  waitlistCount: z.number(),
  seatsLeft: z.number(),
});

export const cohortStatusChangeResponseSchema = z.object({
  fromStatus: z.enum(COHORT_STATUSES).nullable(),
  toStatus: z.enum(COHORT_STATUSES),
  actorId: z.uuid().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

/** What the trainer sees of their cohort: the public detail plus its status history. */
export const trainerCohortDetailResponseSchema = cohortDetailResponseSchema.extend({
  sessions: z.array(sessionResponseSchema),
  history: z.array(cohortStatusChangeResponseSchema),
});

export const toCohortDetailResponse = (
  c: Cohort,
  sessions: CohortSession[],
  seats: SeatCounts,
): z.infer<typeof cohortDetailResponseSchema> => ({
  ...toCohortResponse(c),
  sessions: sessions.map(toPublicSessionResponse),
  enrolledCount: seats.enrolled,
  awaitingPaymentCount: seats.awaitingPayment,
  waitlistCount: seats.waitlisted,
  seatsLeft: seatsLeft(c.capacity, seats),
});

export const toTrainerCohortDetailResponse = (
  c: Cohort,
  sessions: CohortSession[],
  seats: SeatCounts,
  history: CohortStatusChange[],
): z.infer<typeof trainerCohortDetailResponseSchema> => ({
  ...toCohortDetailResponse(c, sessions, seats),
  sessions: sessions.map(toSessionResponse),
  history: history.map((h) => ({
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    actorId: h.actorId,
    reason: h.reason,
    at: h.createdAt.toISOString(),
  })),
});
