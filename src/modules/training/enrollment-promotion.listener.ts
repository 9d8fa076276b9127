import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { SEATED } from './enrollment-state';
import { EnrollmentsService } from './enrollments.service';

/**
 * A seat freed by a withdrawal (or a held seat left unpaid) goes to the head of the waitlist, after the withdrawal has
 * committed: the trainee who left never waits for the promotion, and a failed promotion is
 * retried by the outbox rather than undoing the withdrawal.
 */
@Injectable()
export class EnrollmentPromotionListener {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @OnOutboxEvent('enrollment.status-changed')
  async seatFreed(event: OutboxEnvelope<'enrollment.status-changed'>, em: EntityManager): Promise<void> {
    const { from, to } = event.payload;
    if (from === null || !SEATED.includes(from) || to !== 'withdrawn') return;
    await this.enrollments.fillFreeSeats(em, event.payload.cohortId);
  }
}
