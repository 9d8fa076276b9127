/* global fetch -- Node's own (18+), which ESLint's config does not list */
// The sale: a verified store, an active mango product, a live session with its items pinned and
// gone live (all through the API, as a farmer does it), and the buyers (straight in the database,
// the way test/factories/trainee.factory.ts makes signed-in accounts: how an account is made is
// the auth suites' to measure, not this one's).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';

/** A delivery address in a county every store ships to (Guangzhou, Tianhe), as test/utils/marketplace.ts. */
export const BUYER_ADDRESS = {
  recipient: '陈女士',
  phone: '13800138000',
  countyCode: '440106',
  detail: '天河路 385 号',
};

/** JSON over HTTP; throws with the answer when the status is not `expect`. */
export function client(base) {
  return async function call(method, path, { auth, body, expect } = {}) {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (expect !== undefined && response.status !== expect) {
      throw new Error(`${method} ${path} answered ${response.status} (expected ${expect}): ${text.slice(0, 300)}`);
    }
    return text ? JSON.parse(text) : undefined;
  };
}

function mangoBox(stock, bursts) {
  const variant = (name, netWeightGrams, priceFen) => ({
    name,
    saleUnit: 'box',
    netWeightGrams,
    priceFen,
    stock,
    sku: `TY-G7-${randomBytes(3).toString('hex')}`,
  });
  return {
    content: {
      kind: 'produce',
      title: '田阳桂七芒果 特级 直播专享',
      description: '树上自然熟，顺丰冷链次日达。',
      traceability: {
        originVillage: '百育镇四那村',
        certificates: [{ type: 'compliance_certificate', number: 'HG-451003-2026-0088' }],
      },
      attributes: {
        variety: '桂七',
        grade: '特级',
        fruitSizeGrams: { from: 250, to: 350 },
        harvestWindow: { from: '2026-07-01', to: '2026-08-31' },
        shipsWithinHours: 48,
        storageClass: 'ambient',
        preSale: null,
      },
    },
    // The first warms the api up on the same path; then one variant per measured burst.
    variants: [variant('3斤装 试吃', 1500, 3990), ...bursts.map((_, i) => variant(`5斤装 第${i + 1}轮`, 2500, 5990))],
  };
}

/**
 * Store, product and live session through the API. `items` are pinned in order on the product's
 * variants ({ livePriceFen, allocation, perBuyerLimit }), the warm-up's first; returns the session, the items (with their
 * variant) and each variant's stock before pinning.
 */
export async function seedSale(base, admin, items, stock) {
  const call = client(base);
  const adminToken = (await call('POST', '/api/v1/auth/login', { body: admin, expect: 200 })).accessToken;
  const farmer = {
    email: `farmer-${randomBytes(4).toString('hex')}@bench.furrow`,
    password: randomBytes(12).toString('hex'),
  };
  await call('POST', '/api/v1/auth/register', { body: farmer, expect: 201 });
  const host = (await call('POST', '/api/v1/auth/login', { body: farmer, expect: 200 })).accessToken;
  const store = await call('POST', '/api/v1/sellers', {
    auth: host,
    expect: 201,
    body: {
      displayName: '田阳芒果合作社',
      kind: 'cooperative',
      originCountyCode: '451003',
      originPlace: '百育镇四那村',
      contactPhone: '13907760001',
      description: '桂七芒果，树上自然熟。',
    },
  });
  await call('POST', `/api/v1/admin/sellers/${store.id}/approve`, { auth: adminToken, expect: 201 });
  await call('PUT', `/api/v1/seller/stores/${store.id}/shipping-policy`, {
    auth: host,
    body: { baseFeeFen: 1000 },
    expect: 200,
  });
  const products = `/api/v1/seller/stores/${store.id}/products`;
  const product = await call('POST', products, { auth: host, body: mangoBox(stock, items.slice(1)), expect: 201 });
  await call('POST', `${products}/${product.id}/submit`, { auth: host, expect: 201 });
  await call('POST', `/api/v1/admin/products/${product.id}/approve`, { auth: adminToken, expect: 201 });
  const now = Date.now();
  const session = await call('POST', '/api/v1/live-sessions', {
    auth: host,
    expect: 201,
    body: {
      sellerId: store.id,
      title: '田阳芒果产地直播',
      platform: 'douyin',
      streamUrl: 'https://live.douyin.com/123456789',
      scheduledStartAt: new Date(now - 60_000).toISOString(),
      scheduledEndAt: new Date(now + 120 * 60_000).toISOString(),
    },
  });
  const pinned = [];
  for (const [i, item] of items.entries()) {
    const variantId = product.variants[i].id;
    const body = { variantId, ...item, displayOrder: i };
    const made = await call('POST', `/api/v1/live-sessions/${session.id}/items`, { auth: host, body, expect: 201 });
    pinned.push({ ...item, id: made.id, variantId });
  }
  await call('POST', `/api/v1/live-sessions/${session.id}/start`, { auth: host, expect: 201 });
  return { sessionId: session.id, sellerId: store.id, productId: product.id, items: pinned, stockBefore: stock };
}

/**
 * `n` phone-only accounts, each with an auth session and an access token signed with the api's
 * JWT secret (as a code login leaves them), in two statements.
 */
export async function seedBuyers(databaseUrl, jwtSecret, n) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `WITH u AS (
         INSERT INTO users (phone) SELECT '+86137' || lpad(g::text, 8, '0') FROM generate_series(1, $1) g RETURNING id)
       INSERT INTO auth_sessions (user_id) SELECT id FROM u RETURNING id AS sid, user_id AS id`,
      [n],
    );
    const jwt = new JwtService({ secret: jwtSecret });
    return rows.map((r) => ({ id: r.id, token: jwt.sign({ sub: r.id, sid: r.sid }, { expiresIn: 900 }) }));
  } finally {
    await db.end();
  }
}
