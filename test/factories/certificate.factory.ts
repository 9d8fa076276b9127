import { DataSource } from 'typeorm';
import type { AttendanceMark } from '../../src/modules/training/enrollment-state';
import { AssignmentCompletion } from '../../src/modules/training/entities/assignment-completion.entity';
import { Attendance } from '../../src/modules/training/entities/attendance.entity';
import { CohortAssignment } from '../../src/modules/training/entities/cohort-assignment.entity';
import { TrainingLifecycle } from '../../src/modules/training/training-lifecycle.service';
import { Auth, bearer, Marketplace } from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { loginUser, registerUser, RegisteredUser } from './user.factory';

/*
 * What finishing a cohort reads, made with the real services and entities of the api's Nest app.
 * Enrolment and attendance (part B) and assignment completions (part C) have their own routes on
 * their branches; once merged, `enrol` becomes POST /cohorts/:id/enrollments, `mark` the
 * attendance route and `complete` the trainer's marking of a custom assignment.
 */

/** A registered trainee with a display name (through PATCH /me), signed in. */
export async function newTrainee(
  market: Pick<Marketplace, 'api'>,
  displayName: string,
): Promise<{ user: RegisteredUser; auth: Auth }> {
  const user = await registerUser(market.api);
  const auth = bearer((await loginUser(market.api, user)).accessToken);
  await market.api.http().patch('/api/v1/me').set(auth).send({ displayName }).expect(200);
  return { user, auth };
}

/** Open → running, as the trainer does at the first class. */
export async function startCohort(api: TestApi, trainer: Auth, cohortId: string): Promise<void> {
  await api.http().post(`/api/v1/cohorts/${cohortId}/start`).set(trainer).expect(201);
}

/** An enrollment through TrainingLifecycle.startEnrollment (history and outbox as the real one). */
export async function enrol(
  api: TestApi,
  cohortId: string,
  traineeId: string,
  waitlistPosition: number | null = null,
): Promise<string> {
  const lifecycle = api.app.get(TrainingLifecycle);
  return api.app.get(DataSource).transaction(async (em) => {
    const enrollment = await lifecycle.startEnrollment(
      em,
      {
        cohortId,
        traineeId,
        status: waitlistPosition === null ? 'enrolled' : 'waitlisted',
        waitlistPosition,
        enrolledBy: traineeId,
        seatConfirmedAt: waitlistPosition === null ? new Date() : null,
      },
      traineeId,
    );
    return enrollment.id;
  });
}

/** The trainer's marks for one enrollment, session by session (`null` leaves a session unmarked). */
export async function mark(
  api: TestApi,
  enrollmentId: string,
  sessionIds: string[],
  marks: Array<AttendanceMark | null>,
  recordedBy: string,
): Promise<void> {
  const rows = marks.flatMap((m, i) => (m ? [{ sessionId: sessionIds[i], enrollmentId, mark: m, recordedBy }] : []));
  await api.app.get(DataSource).getRepository(Attendance).insert(rows);
}

/** A completed assignment (a built-in key, or a custom assignment's id marked by the trainer). */
export async function complete(
  api: TestApi,
  enrollmentId: string,
  assignment: string,
  markedBy: string | null = null,
): Promise<void> {
  await api.app
    .get(DataSource)
    .getRepository(AssignmentCompletion)
    .insert({ enrollmentId, assignment, completedAt: new Date(), markedBy, evidence: {} });
}

/** A trainer's own assignment the certificate needs. */
export async function requiredAssignment(api: TestApi, cohortId: string, title: string): Promise<string> {
  const saved = await api.app
    .get(DataSource)
    .getRepository(CohortAssignment)
    .save({ cohortId, title, description: '', required: true });
  return saved.id;
}

/** An enrollment's status as stored. */
export async function enrollmentStatus(
  api: TestApi,
  enrollmentId: string,
): Promise<{ status: string; reason: string | null }> {
  const [row] = (await api.app.get(DataSource).query(
    `SELECT e.status, (SELECT reason FROM enrollment_status_changes c WHERE c.enrollment_id = e.id
       ORDER BY c.created_at DESC LIMIT 1) AS reason FROM enrollments e WHERE e.id = $1`,
    [enrollmentId],
  )) as Array<{ status: string; reason: string | null }>;
  return row;
}
