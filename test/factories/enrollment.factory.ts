import { DataSource } from 'typeorm';
import { TrainingLifecycle } from '../../src/modules/training/training-lifecycle.service';
import type { TestApi } from '../utils/test-api';

/**
 * Enrols `traineeId` in a cohort through the real TrainingLifecycle (history row and
 * `enrollment.status-changed` included). Stands in for POST /cohorts/:id/enrollments, which
 * another part of issue 12 builds: replace it with that route once it is merged.
 */
export async function enrol(api: TestApi, cohortId: string, traineeId: string): Promise<string> {
  const lifecycle = api.app.get(TrainingLifecycle, { strict: false });
  const enrollment = await api.app
    .get(DataSource)
    .transaction((em) =>
      lifecycle.startEnrollment(
        em,
        { cohortId, traineeId, status: 'enrolled', enrolledBy: traineeId, seatConfirmedAt: new Date() },
        traineeId,
      ),
    );
  return enrollment.id;
}
