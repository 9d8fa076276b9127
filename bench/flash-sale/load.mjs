// The buyers' side: `connections` keep-alive connections, each sending its next checkout as soon as
// the previous one is answered (a closed loop, as phones tapping "buy" and waiting), in plain Node.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { BUYER_ADDRESS } from './seed.mjs';

function post(agent, target, path, headers, body) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(
      { agent, host: target.hostname, port: target.port, path, method: 'POST', headers },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => {
          const ended = performance.now();
          let code;
          if (response.statusCode >= 400) {
            try {
              code = JSON.parse(Buffer.concat(chunks).toString('utf8')).code;
            } catch {
              code = undefined;
            }
          }
          resolve({ status: response.statusCode, code, started, ended });
        });
      },
    );
    request.on('error', (error) =>
      resolve({ status: 0, code: error.code ?? error.message, started, ended: performance.now() }),
    );
    request.end(body);
  });
}

/**
 * The order buyers tap in: every buyer once, shuffled, and every `doubleTapEvery`-th one tapping
 * twice at once (the second tap goes out right behind the first), which the per-buyer limit must hold.
 */
export function tapOrder(buyers, doubleTapEvery = 10) {
  const shuffled = [...buyers];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.flatMap((b, i) => (doubleTapEvery > 0 && i % doubleTapEvery === doubleTapEvery - 1 ? [b, b] : [b]));
}

/**
 * Live checkouts of one unit of `item` at `connections` connections, in `taps` order, until
 * `item.allocation` have succeeded (or one is refused as sold out) and `tail` more requests have
 * been sent after that (refusals).
 * Every request has its own Idempotency-Key. Returns each answer with its timing.
 */
export async function burst({ base, sessionId, item, taps, connections, tail }) {
  const target = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const results = [];
  let next = 0;
  let sold = 0;
  let soldOut = false;
  let sentAfterSoldOut = 0;
  const take = () => {
    if (next >= taps.length) return undefined;
    if (soldOut || sold >= item.allocation) {
      if (sentAfterSoldOut >= tail) return undefined;
      sentAfterSoldOut++;
    }
    return taps[next++];
  };
  const payload = (buyer) => ({
    headers: {
      authorization: `Bearer ${buyer.token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      items: [{ variantId: item.variantId, quantity: 1 }],
      shippingAddress: BUYER_ADDRESS,
      paymentMethod: 'cash_on_delivery',
      liveSessionId: sessionId,
    }),
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let buyer = take(); buyer; buyer = take()) {
        const { headers, body } = payload(buyer);
        const answer = await post(agent, target, '/api/v1/checkout', headers, body);
        if (answer.status === 201) sold++;
        // Sold out is what the api says, even when some sales were answered otherwise (an error after the commit).
        if (answer.code === 'LIVE_ALLOCATION_EXHAUSTED') soldOut = true;
        results.push({ ...answer, buyerId: buyer.id });
      }
    }),
  );
  agent.destroy();
  return { started, ended: performance.now(), results, exhaustedTaps: next >= taps.length };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Figures of one burst: orders/s over the selling period (first request sent to the last order
 * answered), latency while selling and overall, and the answers by status and code.
 */
export function summarise({ started, ended, results }) {
  const sold = results.filter((r) => r.status === 201);
  const lastSale = sold.length ? Math.max(...sold.map((r) => r.ended)) : started;
  const sellingSeconds = (lastSale - started) / 1000;
  const latencies = (rows) => rows.map((r) => r.ended - r.started).sort((a, b) => a - b);
  const selling = latencies(results.filter((r) => r.ended <= lastSale));
  const all = latencies(results);
  const byStatus = {};
  for (const r of results) {
    const key = r.code ? `${r.status} ${r.code}` : String(r.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return {
    requests: results.length,
    sold: sold.length,
    sellingSeconds,
    ordersPerSecond: sold.length / sellingSeconds,
    wholeSeconds: (ended - started) / 1000,
    requestsPerSecond: results.length / ((ended - started) / 1000),
    selling: { p50: percentile(selling, 50), p99: percentile(selling, 99), max: selling.at(-1) },
    all: { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) },
    sold201p99: percentile(latencies(sold), 99),
    byStatus,
    fiveXx: results.filter((r) => r.status >= 500 || r.status === 0).length,
  };
}
