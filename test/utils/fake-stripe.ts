import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const WEBHOOK_SECRET = 'whsec_test_furrow_local_webhook_secret';

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

/**
 * A local stand-in for the parts of Stripe's API that Furrow calls (PaymentIntents: create
 * with an Idempotency-Key, retrieve, list), in Stripe's wire format, so the real SDK and its
 * HTTP path run. Webhooks are signed with the SDK's own test-header helper.
 */
export async function startFakeStripe() {
  const intents = new Map<string, FakeIntent>();
  const byIdempotencyKey = new Map<string, FakeIntent>();
  const requests: Array<{ method: string; path: string; idempotencyKey?: string }> = [];
  const refunds: Array<Record<string, unknown>> = [];
  const refundsByKey = new Map<string, Record<string, unknown>>();
  const transfers: Array<Record<string, unknown>> = [];
  /** What the next refund answers with: `pending` for methods that settle later. */
  let nextRefundStatus = 'succeeded';
  const transfersByKey = new Map<string, Record<string, unknown>>();
  /** Connected accounts Stripe refuses transfers to (as for an account without the capability). */
  const refusedDestinations = new Set<string>();
  /** How many transfer requests still answer 500 (a Stripe outage), whatever their key. */
  let failingTransfers = 0;
  /** While set, accepted transfer requests wait for it (a slow Stripe); keys of those in progress. */
  let transfersHeld: Promise<void> | null = null;
  const transfersInProgress = new Set<string>();
  /** PaymentIntents Stripe refuses refunds of (as for a disputed charge). */
  const refusedRefunds = new Set<string>();
  const stripe = new Stripe('sk_test_fake');

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = new URLSearchParams(await readBody(req));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey });
    const send = (status: number, payload: unknown) =>
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'request-id': `req_${randomBytes(6).toString('hex')}`,
        })
        .end(JSON.stringify(payload));

    if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
      const earlier = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
      if (earlier) return send(200, earlier);
      const id = `pi_${randomBytes(12).toString('hex')}`;
      const metadata: Record<string, string> = {};
      for (const [k, v] of body) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) metadata[m[1]] = v;
      }
      const intent: FakeIntent = {
        id,
        object: 'payment_intent',
        amount: Number(body.get('amount')),
        currency: body.get('currency') ?? '',
        status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
        metadata,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      intents.set(id, intent);
      if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, intent);
      return send(200, intent);
    }
    if (req.method === 'POST' && url.pathname === '/v1/transfers') {
      if (failingTransfers > 0) {
        failingTransfers--;
        return send(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
      }
      // As Stripe: a second request with the key of one still in progress is refused (409).
      if (idempotencyKey && transfersInProgress.has(idempotencyKey)) {
        return send(409, {
          error: {
            type: 'invalid_request_error',
            code: 'idempotency_key_in_use',
            message: 'There is currently another in-progress request using this Idempotent Key',
          },
        });
      }
      const earlier = idempotencyKey ? transfersByKey.get(idempotencyKey) : undefined;
      if (earlier) return send(200, earlier);
      if (transfersHeld && idempotencyKey) {
        transfersInProgress.add(idempotencyKey);
        await transfersHeld;
        transfersInProgress.delete(idempotencyKey);
      }
      if (refusedDestinations.has(body.get('destination') ?? '')) {
        return send(400, {
          error: {
            type: 'invalid_request_error',
            code: 'account_invalid',
            message: 'The destination account cannot receive transfers',
          },
        });
      }
      const transfer = {
        id: `tr_${randomBytes(12).toString('hex')}`,
        object: 'transfer',
        amount: Number(body.get('amount')),
        currency: body.get('currency'),
        destination: body.get('destination'),
        created: Math.floor(Date.now() / 1000),
        metadata: { payoutId: body.get('metadata[payoutId]') },
      };
      transfers.push(transfer);
      if (idempotencyKey) transfersByKey.set(idempotencyKey, transfer);
      return send(200, transfer);
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const earlier = idempotencyKey ? refundsByKey.get(idempotencyKey) : undefined;
      if (earlier) return send(200, earlier);
      if (refusedRefunds.has(body.get('payment_intent') ?? '')) {
        return send(400, {
          error: {
            type: 'invalid_request_error',
            code: 'charge_disputed',
            message: 'This charge has been disputed and cannot be refunded',
          },
        });
      }
      const refund = {
        id: `re_${randomBytes(12).toString('hex')}`,
        object: 'refund',
        amount: Number(body.get('amount')),
        currency: 'cny',
        payment_intent: body.get('payment_intent'),
        status: nextRefundStatus,
        created: Math.floor(Date.now() / 1000),
        metadata: { refundId: body.get('metadata[refundId]') },
      };
      refunds.push(refund);
      if (idempotencyKey) refundsByKey.set(idempotencyKey, refund);
      return send(200, refund);
    }
    const one = /^\/v1\/payment_intents\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const intent = intents.get(one[1]);
      return intent
        ? send(200, intent)
        : send(404, {
            error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' },
          });
    }
    if (req.method === 'GET' && url.pathname === '/v1/payment_intents') {
      return send(200, {
        object: 'list',
        data: [...intents.values()].reverse(),
        has_more: false,
        url: '/v1/payment_intents',
      });
    }
    send(404, {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    intents,
    requests,
    refunds,
    transfers,
    refuseTransfersTo(accountId: string, refuse: boolean) {
      if (refuse) refusedDestinations.add(accountId);
      else refusedDestinations.delete(accountId);
    },
    /** The next `count` transfer requests fail with a 500, as in an outage (the SDK retries some itself). */
    failNextTransfers(count: number) {
      failingTransfers = count;
    },
    /** Transfer requests wait until the returned function is called (a slow Stripe). */
    holdTransfers(): () => void {
      let release!: () => void;
      transfersHeld = new Promise<void>((resolve) => (release = resolve));
      return () => {
        transfersHeld = null;
        release();
      };
    },
    /** Keys of transfer requests Stripe is working on right now. */
    transfersInProgress,
    refuseRefundsOf(intentId: string, refuse: boolean) {
      if (refuse) refusedRefunds.add(intentId);
      else refusedRefunds.delete(intentId);
    },
    refundsSettleLater(later: boolean) {
      nextRefundStatus = later ? 'pending' : 'succeeded';
    },
    /** The buyer's payment went through (or changed state) at Stripe. */
    setStatus(id: string, status: string): FakeIntent {
      const intent = intents.get(id)!;
      intent.status = status;
      return { ...intent };
    },
    /** A webhook delivery: the raw body and its valid Stripe-Signature header. */
    webhook(
      type: string,
      object: FakeIntent | Record<string, unknown>,
      eventId = `evt_${randomBytes(12).toString('hex')}`,
    ) {
      const payload = JSON.stringify({
        id: eventId,
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(Date.now() / 1000),
        type,
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      });
      return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
  });
}
