import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { LoggerService } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, ConfigError } from '../../src/config/app-config';
import { smsTemplatesFrom } from '../../src/modules/notifications/channels/sms-templates';
import { DeliveryQueueService } from '../../src/modules/notifications/delivery-queue.service';
import { DeliverySenderService } from '../../src/modules/notifications/delivery-sender.service';
import { NotificationRequestsService } from '../../src/modules/notifications/notification-requests.service';
import { NOTIFICATION_KINDS, NotificationKind } from '../../src/modules/notifications/notification-kinds';
import { renderEmail } from '../../src/modules/notifications/templates/email-layout';
import { renderNotification } from '../../src/modules/notifications/templates/notification-templates';
import type { NotificationRequest } from '../../src/queue/notification-request';
import { OutboxDispatcher } from '../../src/queue/outbox/outbox-dispatcher.service';
import { loginUser } from '../factories/user.factory';
import { withOneConnectionLeft } from '../utils/busy-pool';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeAliyunSms } from '../utils/fake-aliyun-sms';
import { startSmtpTestServer } from '../utils/smtp-test-server';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';
import { startTestWorker, TestWorker } from '../utils/test-worker';

type Auth = { authorization: string };
interface Person {
  id: string;
  email: string;
  auth: Auth;
}
interface DeliveryRow {
  id: string;
  channel: 'sms' | 'email';
  status: string;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
}

const SMS_TEMPLATES = { 'shipment.shipped': 'SMS_200000001', 'order.paid': 'SMS_200000002' };
const shipped = {
  orderNumber: 'FR20261128A1B2C3',
  carrier: '顺丰速运',
  carrierEn: 'SF Express',
  trackingNumber: 'SF1234567890123',
};

/** Collects every log line of the process, to prove no number or address is ever logged. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  log = this.keep;
  error = this.keep;
  warn = this.keep;
  debug = this.keep;
  verbose = this.keep;
  fatal = this.keep;
}

describe('notifications: inbox, SMS and e-mail from notification.requested events', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: TestWorker;
  let sms: Awaited<ReturnType<typeof startFakeAliyunSms>>;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let notificationsQueue: Queue;
  const logs = new CapturingLogger();
  let li: Person; // zh-CN, e-mail and phone
  let tom: Person; // en, e-mail only
  const liPhone = '+8613907710088';

  beforeAll(async () => {
    sms = await startFakeAliyunSms();
    smtp = await startSmtpTestServer({ auth: { user: 'furrow', pass: 'smtp-pass-0123' } });
    db = await createTestDatabase();
    useTestEnvironment(db, {
      ...sms.env({ SMS_TEMPLATES: JSON.stringify(SMS_TEMPLATES) }),
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Furrow <no-reply@furrow.test>',
    });
    api = await startTestApi();
    worker = await startTestWorker();
    worker.module.useLogger(logs);
    notificationsQueue = worker.module.get<Queue>(getQueueToken('notifications'));
    li = await register('zh-CN');
    tom = await register('en');
    await worker.dataSource.query(`UPDATE users SET phone = $2 WHERE id = $1`, [li.id, liPhone]);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
    await sms?.close();
    await smtp?.close();
  });

  async function register(locale: 'zh-CN' | 'en'): Promise<Person> {
    const email = `${randomUUID().slice(0, 8)}@example.cn`;
    const password = 'notify-password-123';
    const res = await api.http().post('/api/v1/auth/register').send({ email, password, locale }).expect(201);
    const { accessToken } = await loginUser(api, { email, password });
    return { id: res.body.id as string, email, auth: { authorization: `Bearer ${accessToken}` } };
  }

  /** What another module does: a `notification.requested` outbox event in its own transaction. */
  const requestNotification = (kind: NotificationKind, to: Person, params: Record<string, string | number>) =>
    worker.dataSource.transaction((em) =>
      // Loosely typed on purpose: the tests also send what a buggy or older sender could.
      worker.outbox.record(em, 'notification.requested', {
        kind,
        recipientUserId: to.id,
        params,
      } as NotificationRequest),
    );

  const notificationOf = async (eventId: string) =>
    (
      (await worker.dataSource.query(`SELECT * FROM notifications WHERE event_id = $1`, [eventId])) as Array<{
        id: string;
        in_inbox: boolean;
      }>
    )[0];

  const deliveriesOf = (eventId: string): Promise<DeliveryRow[]> =>
    worker.dataSource.query(
      `SELECT d.* FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.event_id = $1 ORDER BY d.channel`,
      [eventId],
    );

  /** Waits until the event's notification exists and all its deliveries are settled (sent or failed). */
  const settled = (eventId: string, channels: number) =>
    eventually(
      async () => {
        if (!(await notificationOf(eventId))) return false;
        const rows = await deliveriesOf(eventId);
        return rows.length === channels && rows.every((d) => d.status === 'sent' || d.status === 'failed') && rows;
      },
      { what: `deliveries of ${eventId}` },
    );

  const mailsTo = (email: string) => smtp.received.filter((m) => m.envelopeTo.includes(email));
  const smsWith = (outId: string) => sms.sent.filter((m) => m.outId === outId);
  const inbox = (who: Person, query = '') =>
    api.http().get(`/api/v1/me/notifications${query}`).set(who.auth).expect(200);

  it('writes the in-app notification in Chinese, texts and e-mails a zh-CN buyer exactly once', async () => {
    const eventId = await requestNotification('shipment.shipped', li, shipped);
    const [email, text] = await settled(eventId, 2);
    expect(email).toMatchObject({ channel: 'email', status: 'sent', attempts: 1 });
    expect(text).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1 });

    const list = await inbox(li);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        kind: 'shipment.shipped',
        category: 'shipping',
        title: '订单已发货',
        body: `订单 ${shipped.orderNumber} 已由顺丰速运发出，运单号 ${shipped.trackingNumber}。`,
        params: shipped,
        readAt: null,
      }),
    ]);
    // Dated when it happened, not when the worker got to it: the inbox reads in that order.
    const [event] = await worker.dataSource.query('SELECT created_at FROM outbox_events WHERE id = $1', [eventId]);
    expect(new Date(list.body.items[0].createdAt).getTime()).toBe(Math.floor(event.created_at.getTime()));

    const messages = smsWith(text.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      phoneNumbers: '13907710088',
      signName: '田间好物',
      templateCode: 'SMS_200000001',
      // The SMS template's own params (the Chinese carrier name only), not everything the sender passed.
      params: { orderNumber: shipped.orderNumber, carrier: shipped.carrier, trackingNumber: shipped.trackingNumber },
    });

    expect(text.provider_message_id).toBe(messages[0].bizId);

    const mails = mailsTo(li.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].user).toBe('furrow');
    expect(mails[0].parsed.subject).toBe('【田间好物】订单已发货');
    expect(mails[0].parsed.messageId).toBe(`<${email.id}@furrow.test>`);
    expect(email.provider_message_id).toBe(`<${email.id}@furrow.test>`);
    expect(mails[0].parsed.from?.text).toContain('no-reply@furrow.test');
    expect(mails[0].parsed.text).toContain(shipped.trackingNumber);
    expect(mails[0].parsed.html).toContain('订单已发货');

    // Nothing more arrives later: with the outbox drained and no job left, there is no second send.
    await drained(worker);
    expect(smsWith(text.id)).toHaveLength(1);
    expect(mailsTo(li.email)).toHaveLength(1);
  });

  it('writes English for an English reader, with money in yuan, and sends no SMS without a phone number', async () => {
    const eventId = await requestNotification('order.paid', tom, { orderNumber: 'FR20261128X', amountFen: 123405 });
    const [email] = await settled(eventId, 1);
    expect(email.channel).toBe('email');

    const list = await inbox(tom);
    expect(list.body.items[0]).toMatchObject({
      title: 'Payment received',
      body: 'We received ¥1,234.05 for order FR20261128X. The farm will ship it soon.',
    });
    const [mail] = mailsTo(tom.email);
    expect(mail.parsed.subject).toBe('Payment received – Furrow');
    expect(mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.text : '').toBe(tom.email);
  });

  it('counts, lists and marks unread notifications; someone else’s is not found', async () => {
    await settled(
      await requestNotification('order.cancelled', li, { orderNumber: 'FR1', reason: 'PAYMENT_TIMEOUT' }),
      1,
    );
    await settled(await requestNotification('order.refunded', li, { orderNumber: 'FR1', amountFen: 5990 }), 1);

    const count = await api.http().get('/api/v1/me/notifications/unread-count').set(li.auth).expect(200);
    expect(count.body).toEqual({ unread: 3 });

    // Newest first, cursor-paginated.
    const first = await inbox(li, '?limit=2');
    expect(first.body.items.map((n: { kind: string }) => n.kind)).toEqual(['order.refunded', 'order.cancelled']);
    expect(first.body.items[1].body).toBe('订单 FR1 已取消，原因：未在规定时间内付款。如已付款，款项将原路退回。');
    expect(first.body.items[0].body).toContain('¥59.90');
    const second = await inbox(li, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({
      items: [expect.objectContaining({ kind: 'shipment.shipped' })],
      nextCursor: null,
    });
    await api.http().get('/api/v1/me/notifications?limit=1000').set(li.auth).expect(400);

    const target = first.body.items[0].id as string;
    const read = await api.http().post(`/api/v1/me/notifications/${target}/read`).set(li.auth).expect(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await api.http().post(`/api/v1/me/notifications/${target}/read`).set(li.auth).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const notMine = await api.http().post(`/api/v1/me/notifications/${target}/read`).set(tom.auth).expect(404);
    expect(notMine.body.code).toBe('NOTIFICATION_NOT_FOUND');
    await api.http().post(`/api/v1/me/notifications/${randomUUID()}/read`).set(li.auth).expect(404);

    const unread = await inbox(li, '?unread=true');
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(target);
    expect(unread.body.items).toHaveLength(2);

    const all = await api.http().post('/api/v1/me/notifications/read-all').set(li.auth).expect(200);
    expect(all.body).toEqual({ marked: 2 });
    expect((await api.http().get('/api/v1/me/notifications/unread-count').set(li.auth)).body).toEqual({ unread: 0 });
    expect((await inbox(li, '?unread=true')).body.items).toEqual([]);
  });

  it('lets a person switch a channel off per category, storing only what differs from the default', async () => {
    const mailsBefore = mailsTo(li.email).length;
    const defaults = await api.http().get('/api/v1/me/notification-preferences').set(li.auth).expect(200);
    expect(defaults.body.preferences).toHaveLength(12); // four categories × three channels
    expect(defaults.body.preferences.every((p: { enabled: boolean }) => p.enabled)).toBe(true);

    const put = (body: object) => api.http().put('/api/v1/me/notification-preferences').set(li.auth).send(body);
    await put({ preferences: [{ category: 'weather', channel: 'email', enabled: false }] }).expect(400);
    await put({ preferences: [{ category: 'shipping', channel: 'pigeon', enabled: false }] }).expect(400);
    await put({ preferences: [{ category: 'shipping', channel: 'email', enabled: false, extra: 1 }] }).expect(400);
    await put({ preferences: [] }).expect(400);

    const updated = await put({
      preferences: [
        { category: 'shipping', channel: 'email', enabled: false },
        { category: 'shipping', channel: 'in_app', enabled: false },
      ],
    }).expect(200);
    expect(updated.body.preferences).toEqual(
      expect.arrayContaining([
        { category: 'shipping', channel: 'email', enabled: false },
        { category: 'shipping', channel: 'in_app', enabled: false },
        { category: 'shipping', channel: 'sms', enabled: true },
        { category: 'orders', channel: 'email', enabled: true },
      ]),
    );

    const eventId = await requestNotification('shipment.shipped', li, {
      ...shipped,
      trackingNumber: 'SF9999999999999',
    });
    const [text] = await settled(eventId, 1);
    expect(text.channel).toBe('sms');
    expect(smsWith(text.id)).toHaveLength(1);
    expect((await notificationOf(eventId)).in_inbox).toBe(false);
    expect((await inbox(li)).body.items.map((n: { params: object }) => n.params)).not.toContainEqual(
      expect.objectContaining({ trackingNumber: 'SF9999999999999' }),
    );
    expect(mailsTo(li.email)).toHaveLength(mailsBefore);

    // Back on: the override row goes away.
    await put({ preferences: [{ category: 'shipping', channel: 'in_app', enabled: true }] }).expect(200);
    const rows = await worker.dataSource.query(
      `SELECT category, channel FROM notification_preferences WHERE user_id = $1`,
      [li.id],
    );
    expect(rows).toEqual([{ category: 'shipping', channel: 'email' }]);
    await put({ preferences: [{ category: 'shipping', channel: 'email', enabled: true }] }).expect(200);
  });

  it('makes one delivery per (event, recipient, channel) however often the event or the job runs again', async () => {
    const eventId = await requestNotification('shipment.shipped', li, {
      ...shipped,
      trackingNumber: 'SF5555555555555',
    });
    const before = await settled(eventId, 2);
    const mailCount = mailsTo(li.email).length;
    const smsCount = sms.sent.length;

    // The outbox delivers the same event again (as after a lost acknowledgement): the listener runs a second time.
    await worker.dataSource.query(`DELETE FROM event_deliveries WHERE event_id = $1`, [eventId]);
    await worker.dataSource.query(`UPDATE outbox_events SET processed_at = NULL WHERE id = $1`, [eventId]);
    await worker.module.get(OutboxDispatcher).dispatch(eventId);
    const [{ n }] = await worker.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE event_id = $1`, [
      eventId,
    ]);
    expect(n).toBe(1);
    expect(await deliveriesOf(eventId)).toEqual(before);

    // The same delivery job enqueued or run again.
    await worker.module.get(DeliveryQueueService).enqueue(before.map((d) => d.id));
    for (const d of before) {
      await expect(worker.module.get(DeliverySenderService).send(d.id, false)).resolves.toBe('already-done');
    }
    await drained(worker);
    expect(mailsTo(li.email)).toHaveLength(mailCount);
    expect(sms.sent).toHaveLength(smsCount);
  });

  it("writes a notification within the listener's own connection, even when the rest of the pool is taken", async () => {
    const event = { id: randomUUID(), occurredAt: new Date() };
    const pending = await withOneConnectionLeft(worker.dataSource, worker.module.get(AppConfig).database.poolSize, () =>
      worker.dataSource.transaction((em) =>
        worker.module
          .get(NotificationRequestsService)
          .create(em, event, { kind: 'shipment.shipped', recipientUserId: tom.id, params: shipped }),
      ),
    );
    expect(pending).toHaveLength(1); // Tom reads e-mail
    expect(await notificationOf(event.id)).toMatchObject({ recipient_id: tom.id });
    // Sent now, so that no delivery is left for the sweeper to send during a later test.
    await worker.module.get(DeliveryQueueService).enqueue(pending);
    await settled(event.id, 1);
  });

  it('retries a refused SMS with backoff and sends it once; no number reaches the queue or the log', async () => {
    sms.failNext.push('isv.BUSINESS_LIMIT_CONTROL');
    const eventId = await requestNotification('shipment.shipped', li, {
      ...shipped,
      trackingNumber: 'SF7777777777777',
    });
    const [, text] = await settled(eventId, 2);
    expect(text).toMatchObject({ channel: 'sms', status: 'sent', attempts: 2 });
    expect(text.last_error).toBeNull();
    expect(smsWith(text.id)).toHaveLength(1);

    const job = (await notificationsQueue.getJob(text.id))!;
    expect(job.data).toEqual({ deliveryId: text.id });
    expect(job.attemptsMade).toBeGreaterThanOrEqual(1);
    expect((job.stacktrace ?? []).join('\n')).toContain('isv.BUSINESS_LIMIT_CONTROL');

    const jobs = await notificationsQueue.getJobs(['completed', 'failed', 'delayed', 'waiting', 'active']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const j of jobs) expect(Object.keys(j.data)).toEqual(['deliveryId']);
    const stored = JSON.stringify(jobs.map((j) => j.toJSON()));
    const logged = logs.lines.join('\n');
    expect(logged).toContain(text.id);
    expect(logged).toContain('isv.BUSINESS_LIMIT_CONTROL');
    for (const secret of [liPhone, '13907710088', li.email, tom.email]) {
      expect(stored).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });

  it('does nothing for a delivery whose transaction rolled back after its job was added', async () => {
    const rolledBack = new Error('rolled back on purpose');
    let ids: string[] = [];
    await expect(
      worker.dataSource.transaction(async (em) => {
        ids = await worker.module.get(NotificationRequestsService).create(
          em,
          { id: randomUUID(), occurredAt: new Date() },
          {
            kind: 'order.paid',
            recipientUserId: li.id,
            params: { orderNumber: 'FR0', amountFen: 1 },
          },
        );
        await worker.module.get(DeliveryQueueService).enqueue(ids);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(ids).toHaveLength(2);
    const sent = sms.sent.length + smtp.received.length;
    await eventually(async () => (await notificationsQueue.getJobState(ids[0])) === 'completed', { what: 'the job' });
    expect((await notificationsQueue.getJob(ids[0]))!.returnvalue).toBe('already-done');
    expect(sms.sent.length + smtp.received.length).toBe(sent);
  });

  it('gives a committed delivery whose job was lost a job again (sweeper)', async () => {
    // Written as the listener writes it: the text rendered once, in the reader's language.
    const params = { orderNumber: 'FR-LOST', amountFen: 100 };
    const { title, body } = renderNotification('order.refunded', 'en', params);
    const [notification] = await worker.dataSource.query(
      `INSERT INTO notifications (event_id, recipient_id, kind, category, params, locale, title, body, in_inbox)
       VALUES ($1, $2, 'order.refunded', 'payments', $3, 'en', $4, $5, true) RETURNING id`,
      [randomUUID(), tom.id, JSON.stringify(params), title, body],
    );
    const [delivery] = await worker.dataSource.query(
      `INSERT INTO notification_deliveries (notification_id, channel, updated_at)
       VALUES ($1, 'email', now() - interval '1 hour') RETURNING id`,
      [notification.id],
    );
    const mail = await eventually(
      async () => smtp.received.find((m) => m.parsed.messageId === `<${delivery.id}@furrow.test>`),
      { what: 'the swept e-mail' },
    );
    expect(mail.parsed.subject).toBe('Refund sent – Furrow');
    expect(mail.parsed.text).toContain('¥1.00 for order FR-LOST');
  });

  it('renders reasons and shipment steps in words in both languages, unknown codes as they are', () => {
    const cancelled = (reason: string, locale: 'zh-CN' | 'en') =>
      renderNotification('order.cancelled', locale, { orderNumber: 'FR9', reason }).body;
    expect(cancelled('SHIPPING_DEADLINE_MISSED', 'zh-CN')).toContain('商家未在承诺时间内发货');
    expect(cancelled('SHIPPING_DEADLINE_MISSED', 'en')).toContain('the farm did not ship it in time');
    expect(cancelled('BUYER_CANCELLED', 'en')).toContain('you cancelled it');
    expect(cancelled('SOMETHING_NEW', 'en')).toContain('SOMETHING_NEW');

    const progress = (status: string, locale: 'zh-CN' | 'en') =>
      renderNotification('shipment.progress', locale, { ...shipped, status });
    expect(progress('out_for_delivery', 'zh-CN').title).toBe('物流更新：派送中');
    expect(progress('out_for_delivery', 'en').title).toBe('Shipping update: out for delivery');
    expect(progress('lost_in_space', 'en').title).toBe('Shipping update: lost_in_space');
    expect(progress('in_transit', 'en').body).toContain('(SF Express SF1234567890123)');
    expect(progress('in_transit', 'zh-CN').body).toContain('（顺丰速运 SF1234567890123）');
    // The sender passes the carrier's names; a request recorded before `carrierEn` shows the Chinese one.
    const { carrierEn: _carrierEn, ...olderRequest } = shipped;
    expect(renderNotification('shipment.shipped', 'en', olderRequest).body).toContain('with 顺丰速运,');

    const toShip = renderNotification('order.to-ship', 'zh-CN', {
      orderNumber: 'FR9',
      shipBy: '2026-11-30T06:00:00.000Z',
    });
    expect(toShip.body).toContain('14:00'); // Beijing time
    expect(renderNotification('order.to-ship', 'en', { orderNumber: 'FR9', shipBy: '' }).body).toBe(
      'Order FR9 is paid. Please ship it soon.',
    );

    // Every kind has both languages, and e-mail HTML escapes what it is given.
    const params = { ...shipped, orderNumber: '<FR>', amountFen: 1, reason: 'PAYMENT_TIMEOUT', status: 'in_transit' };
    for (const kind of Object.keys(NOTIFICATION_KINDS) as NotificationKind[]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const mail = renderEmail(
          locale,
          renderNotification(kind, locale, { ...params, shipBy: '2026-11-30T06:00:00.000Z' }),
        );
        expect(mail.html).not.toContain('<FR>');
        expect(mail.text).not.toContain('undefined');
      }
    }
  });

  it('refuses to boot with an SMS template for a kind that does not exist', () => {
    const config = (templates: string) =>
      AppConfig.fromEnv({ DATABASE_URL: 'postgres://x@y/z', SMS_TEMPLATES: templates });
    expect(() => smsTemplatesFrom(config('{"shipment.shiped":"SMS_1"}'))).toThrow(ConfigError);
    expect(() => smsTemplatesFrom(config('{"shipment.shiped":"SMS_1"}'))).toThrow(
      /SMS_TEMPLATES: unknown notification kind "shipment.shiped"/,
    );
    expect(() => config('["SMS_1"]')).toThrow(/SMS_TEMPLATES: must be a JSON object/);
    expect(() => config('{"order.paid":')).toThrow(/SMS_TEMPLATES/);
    expect(smsTemplatesFrom(config('{"order.paid":"SMS_2"}')).codeFor('order.paid')).toBe('SMS_2');
  });
});
