import { Injectable } from '@nestjs/common';
import { maskPhone } from '../../common/masking';
import { DataSource, EntityManager, In, LessThan, LessThanOrEqual } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { AssignmentCompletion, AssignmentEvidence } from './entities/assignment-completion.entity';
import { Attendance } from './entities/attendance.entity';
import { CohortAssignment } from './entities/cohort-assignment.entity';
import { CohortSession } from './entities/cohort-session.entity';
import { Enrollment } from './entities/enrollment.entity';
import { TraineeSale } from './entities/trainee-sale.entity';
import { ACTIVE_ENROLLMENT, ATTENDED, SEAT_HOLDERS } from './enrollment-state';

export interface NewCompletion {
  enrollmentId: string;
  assignment: string;
  evidence: AssignmentEvidence;
  completedAt: Date;
  markedBy: string | null;
}

/** A trainee of a cohort as the board lists them: the enrollment and the trainee's name. */
export interface BoardEnrollment {
  enrollment: Enrollment;
  name: string;
}

/**
 * The queries of assignments, trainee sales and the progress board. Every board read takes
 * all the cohort's enrollments at once, so the board costs a fixed number of queries.
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findEnrollment(id: string, em: EntityManager = this.dataSource.manager): Promise<Enrollment | null> {
    return em.getRepository(Enrollment).findOneBy({ id });
  }

  /** The trainee's enrollments that hold a seat or a place in the queue and began before `before`. */
  /** The trainee's enrollments holding a seat or a place in the queue; begun before `before` when given. */
  activeEnrollments(em: EntityManager, traineeId: string, before: Date | null): Promise<Enrollment[]> {
    return em.getRepository(Enrollment).findBy({
      traineeId,
      status: In([...ACTIVE_ENROLLMENT]),
      ...(before ? { createdAt: LessThan(before) } : {}),
    });
  }

  /** Once per enrollment and assignment (assignment_completions_once): a second try changes nothing. */
  async insertCompletions(em: EntityManager, rows: NewCompletion[]): Promise<void> {
    if (rows.length === 0) return;
    await em.createQueryBuilder().insert().into(AssignmentCompletion).values(rows).orIgnore().execute();
  }

  findCompletion(em: EntityManager, enrollmentId: string, assignment: string) {
    return em.getRepository(AssignmentCompletion).findOneBy({ enrollmentId, assignment });
  }

  async deleteCompletion(em: EntityManager, enrollmentId: string, assignment: string): Promise<void> {
    await em.getRepository(AssignmentCompletion).delete({ enrollmentId, assignment });
  }

  completionsOf(enrollmentIds: string[], em: EntityManager = this.dataSource.manager) {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return em
      .getRepository(AssignmentCompletion)
      .find({ where: { enrollmentId: In(enrollmentIds) }, order: { completedAt: 'ASC' } });
  }

  anyCompletionOf(em: EntityManager, assignment: string): Promise<boolean> {
    return em.getRepository(AssignmentCompletion).existsBy({ assignment });
  }

  customAssignments(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<CohortAssignment[]> {
    return em.getRepository(CohortAssignment).find({ where: { cohortId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findCustom(em: EntityManager, cohortId: string, id: string): Promise<CohortAssignment | null> {
    return em.getRepository(CohortAssignment).findOneBy({ id, cohortId });
  }

  insertCustom(em: EntityManager, row: Partial<CohortAssignment>): Promise<CohortAssignment> {
    return em.getRepository(CohortAssignment).save(em.getRepository(CohortAssignment).create(row));
  }

  async deleteCustom(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(CohortAssignment).delete({ id });
  }

  /**
   * Keyed on the order: a second `order.paid` writes the same goods and time again; the store
   * and its owner stay as first written (the owner when the order was paid).
   */
  async upsertSale(
    em: EntityManager,
    sale: Omit<TraineeSale, 'updatedAt' | 'refundedFen' | 'closedAt'>,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(TraineeSale)
      .values(sale)
      .orUpdate(['goods_fen', 'paid_at'], ['order_id'])
      .execute();
  }

  /** The sale closed (cancelled or returned) at its first closing; written if not there yet. */
  async closeSale(em: EntityManager, sale: Omit<TraineeSale, 'updatedAt' | 'refundedFen'>): Promise<void> {
    await em.query(
      `INSERT INTO trainee_sales (order_id, seller_id, trainee_id, goods_fen, paid_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET closed_at = COALESCE(trainee_sales.closed_at, EXCLUDED.closed_at)`,
      [sale.orderId, sale.sellerId, sale.traineeId, sale.goodsFen, sale.paidAt, sale.closedAt],
    );
  }

  /** Serialises the handlers of one order's sale until the transaction ends. */
  async serialiseSale(em: EntityManager, orderId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('trainee_sale:' || $1, 0))`, [orderId]);
  }

  hasSale(em: EntityManager, orderId: string): Promise<boolean> {
    return em.getRepository(TraineeSale).existsBy({ orderId });
  }

  async setRefunded(em: EntityManager, orderId: string, refundedFen: number): Promise<void> {
    await em.getRepository(TraineeSale).update({ orderId }, { refundedFen });
  }

  salesOf(traineeIds: string[]): Promise<TraineeSale[]> {
    if (traineeIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(TraineeSale)
      .find({ where: { traineeId: In(traineeIds) }, order: { paidAt: 'ASC' } });
  }

  /** The cohort's trainees (holding a seat, or finished with one), oldest first, with their names; the waitlist is not on the board. */
  async boardEnrollments(cohortId: string): Promise<BoardEnrollment[]> {
    const rows = await this.dataSource
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .leftJoin(User, 'u', 'u.id = e.trainee_id')
      .addSelect(['u.displayName', 'u.phone', 'u.email'])
      .where('e.cohort_id = :cohortId', { cohortId })
      .andWhere({ status: In([...SEAT_HOLDERS]) })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((enrollment, i) => {
      const raw = rows.raw[i] as { u_display_name: string | null; u_phone: string | null; u_email: string | null };
      return { enrollment, name: raw.u_display_name ?? maskedContact(raw.u_phone, raw.u_email) };
    });
  }

  sessionsHeldBy(cohortId: string, now: Date): Promise<number> {
    return this.dataSource.getRepository(CohortSession).countBy({ cohortId, startsAt: LessThanOrEqual(now) });
  }

  /** Sessions attended (present or late) per enrollment. */
  async attendedCounts(enrollmentIds: string[]): Promise<Map<string, number>> {
    if (enrollmentIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Attendance)
      .createQueryBuilder('a')
      .select('a.enrollment_id', 'enrollmentId')
      .addSelect('count(*)::int', 'attended')
      .where({ enrollmentId: In(enrollmentIds), mark: In([...ATTENDED]) })
      .groupBy('a.enrollment_id')
      .getRawMany<{ enrollmentId: string; attended: number }>();
    return new Map(rows.map((r) => [r.enrollmentId, r.attended]));
  }
}

/** A trainee without a display name, as a trainer may see them: the phone masked, or the mail's first letter. */
function maskedContact(phone: string | null, email: string | null): string {
  if (phone) return maskPhone(phone);
  if (email) return `${email[0]}***@${email.split('@')[1] ?? ''}`;
  return '—';
}
