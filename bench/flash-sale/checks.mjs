// What must hold after a burst, read from the database, whatever the speed.
import pg from 'pg';

const REFUSALS = new Set(['409 LIVE_ALLOCATION_EXHAUSTED', '409 LIVE_PURCHASE_LIMIT_EXCEEDED']);

/** The checks of one item's burst; each { name, ok, detail }. */
export async function checkItem(databaseUrl, { item, stockBefore, productId, figures, results }) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql, params) => (await db.query(sql, params)).rows[0];
    const offer = await one(`SELECT allocated, remaining, per_buyer_limit AS "limit" FROM live_offers WHERE id = $1`, [
      item.id,
    ]);
    const variant = await one(`SELECT stock FROM product_variants WHERE id = $1`, [item.variantId]);
    const product = await one(
      `SELECT p.total_stock AS total, (SELECT sum(stock) FROM product_variants v WHERE v.product_id = p.id)::int AS sum
         FROM products p WHERE p.id = $1`,
      [productId],
    );
    const sold = await one(
      `SELECT coalesce(sum(l.quantity), 0)::int AS units, count(DISTINCT o.id)::int AS orders,
              count(DISTINCT o.buyer_id)::int AS buyers
         FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.live_offer_id = $1 AND o.status NOT IN ('cancelled', 'expired')`,
      [item.id],
    );
    const overLimitByOrders = await one(
      `SELECT count(*)::int AS n FROM (
         SELECT o.buyer_id FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE l.live_offer_id = $1 AND o.status NOT IN ('cancelled', 'expired')
          GROUP BY o.buyer_id HAVING sum(l.quantity) > $2) over`,
      [item.id, offer.limit],
    );
    const counted = await one(
      `SELECT coalesce(sum(units), 0)::int AS units, count(*) FILTER (WHERE units > $2)::int AS over,
              coalesce(min(units), 0)::int AS min
         FROM live_offer_buyers WHERE offer_id = $1`,
      [item.id, offer.limit],
    );
    const payments = await one(
      `SELECT count(*)::int AS n, count(DISTINCT p.reference_id)::int AS orders FROM payments p
        WHERE p.purpose = 'order' AND p.reference_id IN (SELECT l.order_id FROM order_lines l WHERE l.live_offer_id = $1)`,
      [item.id],
    );
    const { rows: ordered } = await db.query(
      `SELECT DISTINCT o.buyer_id AS id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.live_offer_id = $1`,
      [item.id],
    );
    const answeredSale = new Set(results.filter((r) => r.status === 201).map((r) => r.buyerId));
    const unanswered = ordered.filter((b) => !answeredSale.has(b.id)).length;
    const emptyGroups = await one(
      `SELECT count(*)::int AS n FROM order_groups g WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.group_id = g.id)`,
    );
    const unexpected = Object.entries(figures.byStatus).filter(([key]) => key !== '201' && !REFUSALS.has(key));
    return [
      {
        name: `exactly ${item.allocation} units sold`,
        ok: sold.units === item.allocation && sold.orders === item.allocation,
        detail: `${sold.units} units in ${sold.orders} orders in the database`,
      },
      {
        name: 'every order answered 201, nothing else did',
        ok: figures.sold === sold.orders && unanswered === 0,
        detail:
          `${figures.sold} answered 201 for ${sold.orders} orders` +
          (unanswered ? `; ${unanswered} orders placed whose buyer got no 201 (an error after the commit)` : ''),
      },
      {
        name: `no buyer over the limit of ${offer.limit}`,
        ok: overLimitByOrders.n === 0 && counted.over === 0,
        detail: `${sold.buyers} buyers; over the limit: ${overLimitByOrders.n} by their orders, ${counted.over} by live_offer_buyers`,
      },
      {
        name: 'allocation consistent',
        ok:
          offer.allocated === item.allocation &&
          offer.allocated - offer.remaining === sold.units &&
          counted.units === sold.units,
        detail: `allocated ${offer.allocated}, remaining ${offer.remaining}, sold ${sold.units}, buyers' counts ${counted.units}`,
      },
      {
        name: 'stock consistent',
        ok: variant.stock + offer.allocated === stockBefore && product.total === product.sum,
        detail: `variant stock ${variant.stock} + allocation ${offer.allocated} = ${variant.stock + offer.allocated} (was ${stockBefore}); product total_stock ${product.total} = sum of variants ${product.sum}`,
      },
      {
        name: 'nothing negative',
        ok: variant.stock >= 0 && offer.remaining >= 0 && counted.min >= 0,
        detail: `stock ${variant.stock}, remaining ${offer.remaining}, least buyer count ${counted.min}`,
      },
      {
        name: 'one payment per order, none for a refusal',
        ok: payments.n === sold.orders && payments.orders === sold.orders && emptyGroups.n === 0,
        detail: `${payments.n} payments for ${sold.orders} orders; ${emptyGroups.n} order groups without an order`,
      },
      {
        name: 'no 5xx (every answer a sale or a clean 409)',
        ok: figures.fiveXx === 0 && unexpected.length === 0,
        detail: unexpected.length
          ? unexpected.map(([k, n]) => `${n}× ${k}`).join(', ')
          : `${figures.fiveXx} 5xx or failed`,
      },
    ];
  } finally {
    await db.end();
  }
}
