import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { CarrierCode, normaliseTrackingNumber } from './carriers';
import { Shipment } from './entities/shipment.entity';
import { TrackingUpdate } from './entities/tracking-update.entity';
import {
  carrierOfKuaidi100,
  kuaidi100Sign,
  kuaidi100SignMatches,
  kuaidi100StepSchema,
  stepsOfKuaidi100,
} from './kuaidi100/kuaidi100-format';
import { ShipmentTracking } from './shipment-tracking.service';
import './logistics.events';

/**
 * The `param` of a Kuaidi100 subscription push (订阅推送). `status` is the subscription's:
 * `polling` (still followed), `shutdown` (ended: the parcel was signed for), `abort` (Kuaidi100
 * gave up, `message` says why), `updateall` (a full re-push). The steps are in `lastResult.data`.
 */
export const kuaidi100PushSchema = z.looseObject({
  status: z.string().max(20),
  message: z.string().max(500).optional(),
  lastResult: z.looseObject({
    nu: z.string().trim().min(6).max(40),
    com: z.string().max(40),
    state: z.string().max(10).optional(),
    ischeck: z.string().max(2).optional(),
    data: z.array(kuaidi100StepSchema).max(500),
  }),
});

/** What Kuaidi100 reads from our answer: anything but `result: true` makes it push again later. */
export const kuaidi100AnswerSchema = z.object({
  result: z.boolean(),
  returnCode: z.string(),
  message: z.string(),
});
export type Kuaidi100Answer = z.infer<typeof kuaidi100AnswerSchema>;
export interface Kuaidi100Reply {
  httpStatus: number;
  answer: Kuaidi100Answer;
}

const ACCEPTED: Kuaidi100Reply = { httpStatus: 200, answer: { result: true, returnCode: '200', message: '成功' } };
const refused = (httpStatus: number, message: string): Kuaidi100Reply => ({
  httpStatus,
  answer: { result: false, returnCode: String(httpStatus), message },
});

/** A stored update, whatever the provider's wire format: one parcel's steps. */
interface StoredTrackingUpdate {
  carrier: CarrierCode;
  trackingNumber: string;
  events: Array<{ state: string; description: string; location?: string | null; time: string }>;
}

/**
 * Pushed tracking updates: checked, stored once, and applied by the worker from the outbox,
 * so a crash between receiving and applying loses nothing.
 */
@Injectable()
export class TrackingWebhooks {
  private readonly logger = new Logger(TrackingWebhooks.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly tracking: ShipmentTracking,
  ) {}

  /**
   * A Kuaidi100 push: form fields `param` (JSON) and `sign` = upper-case MD5 of param + our salt.
   * Stored once by parcel and newest step time, so Kuaidi100's retries of a push are no-ops.
   * Every outcome is answered in Kuaidi100's own format, which is all it reads.
   */
  async receiveKuaidi100(rawBody: Buffer): Promise<Kuaidi100Reply> {
    const salt = this.config.logistics.kuaidi100?.push?.salt;
    if (!salt) return refused(404, '未开通快递100推送');
    const form = new URLSearchParams(rawBody.toString('utf8'));
    const param = form.get('param') ?? '';
    if (!kuaidi100SignMatches(form.get('sign') ?? '', kuaidi100Sign(param, salt))) return refused(401, '签名错误');
    const push = parseJson(param, kuaidi100PushSchema);
    if (!push) return refused(400, 'param 格式错误');
    const carrier = carrierOfKuaidi100(push.lastResult.com);
    if (!carrier) return refused(400, `不支持的快递公司 ${push.lastResult.com}`);
    const steps = stepsOfKuaidi100(push.lastResult.data, push.lastResult.state);
    // An `abort` with no steps (e.g. 3天查询无记录) has nothing to apply; the parcel is still polled.
    if (steps.length === 0) return ACCEPTED;
    const update: StoredTrackingUpdate = {
      carrier,
      trackingNumber: normaliseTrackingNumber(push.lastResult.nu),
      events: steps.map((s) => ({
        state: s.state,
        description: s.description,
        location: s.location,
        time: s.occurredAt.toISOString(),
      })),
    };
    const newest = update.events.map((e) => e.time).sort((a, b) => b.localeCompare(a))[0];
    try {
      await this.store('kuaidi100', `${carrier}:${update.trackingNumber}:${newest}`, update);
      return ACCEPTED;
    } catch (error) {
      // Kuaidi100 reads only our answer: a failure must still say `result: false` so it pushes again.
      const errorId = randomUUID();
      this.logger.error({ errorId, err: (error as Error).message }, 'storing a Kuaidi100 push failed');
      return refused(500, `服务器错误 ${errorId}`);
    }
  }

  /** Worker: applies a stored update to every shipment with that carrier and number. */
  async apply(em: EntityManager, trackingUpdateId: string): Promise<void> {
    const update = await em
      .getRepository(TrackingUpdate)
      .findOne({ where: { id: trackingUpdateId }, lock: { mode: 'pessimistic_write' } });
    if (!update || update.appliedAt) return;
    const body = update.body as StoredTrackingUpdate;
    const shipments = await em.getRepository(Shipment).find({
      where: { carrier: body.carrier, trackingNumber: normaliseTrackingNumber(body.trackingNumber) },
      lock: { mode: 'pessimistic_write' },
    });
    const steps = body.events.map((e) => ({
      state: e.state,
      description: e.description,
      location: e.location ?? null,
      occurredAt: new Date(e.time),
    }));
    for (const shipment of shipments) await this.tracking.apply(em, shipment, 'push', steps);
    update.appliedAt = new Date();
    await em.getRepository(TrackingUpdate).save(update);
  }

  /** True when it was new. */
  private store(provider: string, externalId: string, body: StoredTrackingUpdate): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(TrackingUpdate)
        .values({ provider, externalId, body: body as never })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (!row) return false;
      await this.outbox.record(em, 'tracking.update-received', { trackingUpdateId: row.id });
      return true;
    });
  }
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
