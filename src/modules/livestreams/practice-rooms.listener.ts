import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { LiveSessionsRepository } from './live-sessions.repository';

/**
 * Keeps practice_room_seats from training's enrollments: a trainee holding a seat (`enrolled`)
 * may open a practice room of the cohort, co-managed by its trainer. A late, older event never
 * overwrites a newer one (changedAt).
 */
@Injectable()
export class PracticeRoomsListener {
  constructor(private readonly sessions: LiveSessionsRepository) {}

  @OnOutboxEvent('enrollment.status-changed')
  async enrollmentChanged(event: OutboxEnvelope<'enrollment.status-changed'>, em: EntityManager): Promise<void> {
    const { cohortId, traineeId, trainerId, to } = event.payload;
    // Recorded before events carried the trainee and the trainer: the migration copied the seats then.
    if (!traineeId || !trainerId) return;
    await this.sessions.upsertSeat(em, {
      cohortId,
      traineeId,
      trainerId,
      seated: to === 'enrolled',
      changedAt: event.occurredAt,
    });
  }
}
