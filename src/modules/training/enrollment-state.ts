import { transitionTable } from '../../common/transition-table';

export const ENROLLMENT_STATUSES = [
  'awaiting_payment',
  'enrolled',
  'waitlisted',
  'withdrawn',
  'completed',
  'not_completed',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * DESIGN.md §4: enrolled | waitlisted; waitlisted → enrolled (promotion); either → withdrawn;
 * enrolled → completed | not_completed when the cohort finishes.
 * A cohort with a seat fee holds the seat first (`awaiting_payment`, until `seatHeldUntil`):
 * paid → enrolled; not paid in time, or given up → withdrawn. Its waitlist is promoted to a
 * held seat, not straight to one (docs/training.md, "Seat fees").
 */
const TRANSITIONS: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  awaiting_payment: ['enrolled', 'withdrawn'],
  enrolled: ['withdrawn', 'completed', 'not_completed'],
  waitlisted: ['enrolled', 'awaiting_payment', 'withdrawn'],
  withdrawn: [],
  completed: [],
  not_completed: [],
};

const table = transitionTable('enrollment', 'INVALID_ENROLLMENT_TRANSITION', TRANSITIONS);
export const canEnrollmentTransition = table.can;
export const assertEnrollmentTransition = table.assert;

/** Enrollments that hold a seat or a place in the queue for one: a trainee has at most one per cohort. */
export const ACTIVE_ENROLLMENT: readonly EnrollmentStatus[] = ['awaiting_payment', 'enrolled', 'waitlisted'];

/** Enrollments a seat is kept for: confirmed, or held while its fee is paid. Capacity counts these. */
export const SEATED: readonly EnrollmentStatus[] = ['awaiting_payment', 'enrolled'];

export const SESSION_KINDS = ['class', 'livestream_practice'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const ATTENDANCE_MARKS = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
/** A late arrival counts as attended for the certificate rule. */
export const ATTENDED: readonly AttendanceMark[] = ['present', 'late'];

/** Trainees of a cohort: those holding a seat, or who finished with one (not the waitlist, not those who left). */
export const SEAT_HOLDERS: readonly EnrollmentStatus[] = ['enrolled', 'completed', 'not_completed'];

/** Seats kept (confirmed or held for payment) and places in the queue, of one cohort. */
export interface SeatCounts {
  enrolled: number;
  awaitingPayment: number;
  waitlisted: number;
}

/** Seats taken: confirmed, or held while their fee is paid. */
export const seatsTaken = (counts: SeatCounts): number => counts.enrolled + counts.awaitingPayment;

/**
 * Seats a newcomer could take: none while anyone waits (a freed seat is the queue's), never
 * below zero (history may hold a capacity below the enrolled count).
 */
export function seatsLeft(capacity: number, counts: SeatCounts): number {
  return counts.waitlisted > 0 ? 0 : Math.max(0, capacity - seatsTaken(counts));
}
