import { DataSource } from 'typeorm';
import type { AttendanceMark } from '../../src/modules/training/enrollment-state';
import { eventually } from '../utils/eventually';
import { Auth, bearer, Marketplace } from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { loginUser, registerUser, RegisteredUser } from './user.factory';

/* What finishing a cohort reads, made over HTTP as the trainer and the trainees make it. */

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

/**
 * The trainer's marks for one enrollment, session by session, through each session's
 * attendance sheet (`null` leaves a session unmarked). The sessions must have started.
 */
export async function mark(
  api: TestApi,
  trainer: Auth,
  cohortId: string,
  enrollmentId: string,
  sessionIds: string[],
  marks: Array<AttendanceMark | null>,
): Promise<void> {
  for (const [i, m] of marks.entries()) {
    if (!m) continue;
    await api
      .http()
      .put(`/api/v1/cohorts/${cohortId}/sessions/${sessionIds[i]}/attendance`)
      .set(trainer)
      .send({ marks: [{ enrollmentId, mark: m }] })
      .expect(200);
  }
}

/** A trainer's own assignment the certificate needs (POST /cohorts/:id/assignments); its id. */
export async function requiredAssignment(
  api: TestApi,
  trainer: Auth,
  cohortId: string,
  title: string,
): Promise<string> {
  const res = await api
    .http()
    .post(`/api/v1/cohorts/${cohortId}/assignments`)
    .set(trainer)
    .send({ title, required: true })
    .expect(201);
  return res.body.key as string;
}

/** The trainer marks their own assignment done for the trainee (PUT /enrollments/:id/assignments/:aid). */
export async function markAssignment(api: TestApi, trainer: Auth, enrollmentId: string, assignmentId: string) {
  await api
    .http()
    .put(`/api/v1/enrollments/${enrollmentId}/assignments/${assignmentId}`)
    .set(trainer)
    .send({})
    .expect(200);
}

/** Waits for a built-in assignment to complete itself for the trainee (the worker runs its listener). */
export async function builtinDone(api: TestApi, trainee: Auth, enrollmentId: string, key: string): Promise<void> {
  await eventually(
    async () => {
      const res = await api.http().get(`/api/v1/me/enrollments/${enrollmentId}/assignments`).set(trainee).expect(200);
      return (res.body.items as Array<{ key: string; done: boolean }>).some((a) => a.key === key && a.done);
    },
    { what: `${key} done for ${enrollmentId}` },
  );
}

/** An enrollment's status on its cohort's roster, as the trainer sees it. */
export async function enrollmentStatus(
  api: TestApi,
  trainer: Auth,
  cohortId: string,
  enrollmentId: string,
): Promise<string> {
  const res = await api.http().get(`/api/v1/cohorts/${cohortId}/enrollments`).set(trainer).expect(200);
  return (res.body.items as Array<{ id: string; status: string }>).find((e) => e.id === enrollmentId)!.status;
}

/** Why an enrollment last changed status, from its history. */
export async function lastStatusReason(api: TestApi, enrollmentId: string): Promise<string | null> {
  // Read from the database: no API shows an enrollment's history or its reasons.
  const [row] = (await api.app
    .get(DataSource)
    .query(`SELECT reason FROM enrollment_status_changes WHERE enrollment_id = $1 ORDER BY created_at DESC LIMIT 1`, [
      enrollmentId,
    ])) as Array<{ reason: string | null }>;
  return row.reason;
}
