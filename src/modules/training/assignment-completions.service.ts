import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OutboxEnvelope } from '../../queue/event-map';
import { ProductReviewService } from '../catalog/product-review.service';
import { SellersService } from '../sellers/sellers.service';
import type { BuiltinAssignment } from './assignments';
import type { AssignmentEvidence } from './entities/assignment-completion.entity';
import { ACTIVE_ENROLLMENT } from './enrollment-state';
import { NewCompletion, ProgressRepository } from './progress.repository';

/**
 * Built-in assignments completing themselves from what a trainee does on Furrow (docs/training.md).
 * Each completes, once, for every enrollment of the trainee that holds a seat or a place in the
 * queue; its evidence is the event and the ids it names, its time the event's. A verified store
 * and an approved product count whenever they happened (the backfill at enrolment credits them
 * too, so an enrolment racing the event is credited by one or the other); orders count only
 * when paid or shipped after the enrolment began, and a livestream when held (ended with at
 * least one item pinned) after it.
 */
@Injectable()
export class AssignmentCompletionsService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly sellers: SellersService,
    private readonly products: ProductReviewService,
  ) {}

  async storeVerified(em: EntityManager, event: OutboxEnvelope<'seller.status-changed'>): Promise<void> {
    if (event.payload.to !== 'verified') return;
    const { sellerId } = event.payload;
    await this.forStoreOwner(em, sellerId, event, 'store_verified', { sellerId }, 'whenever');
  }

  /** Approved from review: a rejection (to `rejected`) leaves it open; the approval after it closes it. */
  async productApproved(em: EntityManager, event: OutboxEnvelope<'product.status-changed'>): Promise<void> {
    const { from, to, productId, sellerId } = event.payload;
    if (from !== 'pending_review' || to !== 'active') return;
    await this.forStoreOwner(em, sellerId, event, 'first_product_approved', { productId, sellerId }, 'whenever');
  }

  async orderPaid(em: EntityManager, event: OutboxEnvelope<'order.paid'>): Promise<void> {
    const { orderId, sellerId } = event.payload;
    await this.forStoreOwner(em, sellerId, event, 'first_order_paid', { orderId, sellerId }, 'after-enrolment');
  }

  async orderShipped(em: EntityManager, event: OutboxEnvelope<'order.shipped'>): Promise<void> {
    const { orderId, sellerId } = event.payload;
    await this.forStoreOwner(em, sellerId, event, 'first_order_shipped', { orderId, sellerId }, 'after-enrolment');
  }

  /** A live session the trainee hosted ended having pinned something: `first_livestream_held`. */
  async livestreamHeld(em: EntityManager, event: OutboxEnvelope<'live-session.status-changed'>): Promise<void> {
    const { to, pinnedItems, hostUserId, sessionId, sellerId } = event.payload;
    if (to !== 'ended' || pinnedItems === 0) return;
    const enrollments = await this.progress.activeEnrollments(em, hostUserId, event.occurredAt);
    const evidence = { eventId: event.id, liveSessionId: sessionId, sellerId };
    await this.progress.insertCompletions(
      em,
      enrollments.map((e) => builtin(e.id, 'first_livestream_held', evidence, event.occurredAt)),
    );
  }

  /**
   * A new enrollment of a trainee who already has a verified store or an approved product:
   * those two are done at once, with that store or product and when it happened as evidence.
   */
  async backfill(em: EntityManager, event: OutboxEnvelope<'enrollment.status-changed'>): Promise<void> {
    if (event.payload.from !== null) return;
    const enrollment = await this.progress.findEnrollment(event.payload.enrollmentId, em);
    if (!enrollment || !ACTIVE_ENROLLMENT.includes(enrollment.status)) return;
    const rows: NewCompletion[] = [];
    const verified = await this.sellers.firstVerificationOf(enrollment.traineeId, em);
    if (verified) {
      rows.push(
        builtin(enrollment.id, 'store_verified', { eventId: event.id, sellerId: verified.sellerId }, verified.at),
      );
    }
    const stores = await this.sellers.storeIdsOwnedBy(enrollment.traineeId, em);
    const approved = await this.products.firstApprovalIn(stores, em);
    if (approved) {
      const evidence = { eventId: event.id, productId: approved.productId, sellerId: approved.sellerId };
      rows.push(builtin(enrollment.id, 'first_product_approved', evidence, new Date(approved.at)));
    }
    await this.progress.insertCompletions(em, rows);
  }

  private async forStoreOwner(
    em: EntityManager,
    sellerId: string,
    event: OutboxEnvelope,
    assignment: BuiltinAssignment,
    ids: Omit<AssignmentEvidence, 'eventId' | 'note'>,
    counts: 'whenever' | 'after-enrolment',
  ): Promise<void> {
    const seller = await this.sellers.getById(sellerId, em);
    const before = counts === 'after-enrolment' ? event.occurredAt : null;
    const enrollments = await this.progress.activeEnrollments(em, seller.ownerId, before);
    const evidence = { eventId: event.id, ...ids };
    await this.progress.insertCompletions(
      em,
      enrollments.map((e) => builtin(e.id, assignment, evidence, event.occurredAt)),
    );
  }
}

const builtin = (
  enrollmentId: string,
  assignment: BuiltinAssignment,
  evidence: AssignmentEvidence,
  completedAt: Date,
): NewCompletion => ({ enrollmentId, assignment, evidence, completedAt, markedBy: null });
