import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { LiveSessionLifecycle } from './live-session-lifecycle.service';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LiveSessionViews } from './live-session-views.service';

const BATCH = 50;
const NEVER_STARTED = 'LIVE_WINDOW_NEVER_STARTED';

/**
 * Ends sessions left live past their scheduled end plus LIVE_SESSION_OVERRUN_MINUTES (a host
 * who forgot, or lost the connection), and cancels those never started by then: their items are
 * unpinned and the rest goes back to stock.
 * Rows are claimed FOR UPDATE SKIP LOCKED and a session ends only while live: safe on several
 * workers and run twice.
 */
@Injectable()
export class LiveSessionTimers {
  private readonly logger = new Logger(LiveSessionTimers.name);

  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly lifecycle: LiveSessionLifecycle,
    private readonly views: LiveSessionViews,
    private readonly config: AppConfig,
  ) {}

  async endOverdue(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.livestreams.overrunMinutes * 60_000);
    let ended = 0;
    for (;;) {
      const ids = await this.sessions.transaction(async (em) => {
        const due = await this.sessions.claimOverdue(em, before, BATCH);
        for (const session of due) {
          // Never started, its window long gone (it can no longer start): its pinned units go back too.
          if (session.status === 'scheduled') await this.lifecycle.move(em, session, 'cancelled', null, NEVER_STARTED);
          else await this.lifecycle.move(em, session, 'ended', null, 'LIVE_WINDOW_OVERRUN');
        }
        return due.map((s) => s.id);
      });
      for (const id of ids) this.views.forget(id);
      ended += ids.length;
      if (ids.length < BATCH) break;
    }
    if (ended > 0) this.logger.log({ count: ended }, 'ended overdue live sessions');
    return ended;
  }
}
