import type { Auth } from '../utils/marketplace';
import type { TestApi } from '../utils/test-api';

export interface EnrollmentAnswer {
  id: string;
  status: 'awaiting_payment' | 'enrolled' | 'waitlisted';
  seatFeeFen: number;
  seatHeldUntil: string | null;
  waitlistPosition: number | null;
}

/**
 * The trainee enrols themself: POST /cohorts/:id/enrollments with their own token (201). A seat
 * while one is free (held while its fee is paid, in a cohort with one), else the end of the
 * waitlist, as the answer says.
 */
export async function enrol(api: TestApi, cohortId: string, trainee: Auth): Promise<EnrollmentAnswer> {
  const res = await api.http().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(trainee).send({}).expect(201);
  return res.body as EnrollmentAnswer;
}
