import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { CohortNotices } from './cohort-notices.service';

/** Asks for the messages trainees get when their cohort changes status (notifications sends them). */
@Injectable()
export class CohortNotificationsListener {
  constructor(private readonly notices: CohortNotices) {}

  /** A cancelled cohort: everyone it withdrew is told once (CohortNotices.tellCancelled says how). */
  @OnOutboxEvent('cohort.status-changed')
  async statusChanged(event: OutboxEnvelope<'cohort.status-changed'>, em: EntityManager): Promise<void> {
    if (event.payload.to !== 'cancelled') return;
    await this.notices.tellCancelled(em, event.payload.cohortId);
  }
}
