import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { sellerApplication } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import {
  Auth,
  bearer,
  confirmBankTransfer,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  ROOT,
  startMarketplace,
} from '../utils/marketplace';
import { webClient, type WebClient } from '../utils/web-client';

const MEDIA_DIR = `var/test-media-web-operators-${randomUUID().slice(0, 8)}`;

/** The pages of admins and finance: review queues, users and roles, transfers, the trial balance. */
describe('the operator and finance pages', () => {
  let market: MarketplaceWithWorker;
  let web: WebClient;
  let seller: Auth;
  let sellerLogin: { email: string; password: string };
  let store: string;
  let mango: string;

  beforeAll(async () => {
    market = await startMarketplace({ MEDIA_LOCAL_DIR: MEDIA_DIR });
    const opened = await openStore(market);
    ({ seller, store } = opened);
    sellerLogin = opened.owner!;
    [mango] = await publishProduct(market.api, seller, market.admin, store, mangoProduct());
    web = webClient(market.api);
    await web.signIn(ROOT.email, ROOT.password);
  });

  afterAll(async () => {
    await market?.close();
    await rm(MEDIA_DIR, { recursive: true, force: true });
  });

  const http = () => market.api.http();
  const productsOf = () => `/api/v1/seller/stores/${store}/products`;

  async function upload(auth: Auth): Promise<{ id: string; urls: Record<string, string> }> {
    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 250, g: 190, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const res = await http().post('/api/v1/media/images').set(auth).attach('file', photo, 'mango.jpg').expect(201);
    return res.body;
  }

  it('shows a submitted product with its photo; a reason is required to reject; the corrected one is approved', async () => {
    const photo = await upload(seller);
    const body = mangoProduct({ title: '田阳桂七芒果 <script>alert(1)</script>' });
    const created = await http()
      .post(productsOf())
      .set(seller)
      .send({ ...body, content: { ...body.content, imageIds: [photo.id] } })
      .expect(201);
    const id = created.body.id as string;
    await http().post(`${productsOf()}/${id}/submit`).set(seller).expect(201);

    const home = await web.page('/admin');
    expect(home).toContain('待审核商品');
    expect(home).toContain('href="/admin/queues"');
    const queue = await web.page('/admin/catalog');
    expect(queue).toContain(`href="/admin/catalog/${id}"`);
    expect(queue).toContain(photo.urls['320']);
    expect(queue).toContain('田阳桂七芒果 &lt;script&gt;');
    expect(queue).not.toContain('<script>alert(1)');

    const page = await web.page(`/admin/catalog/${id}`);
    expect(page).toContain(photo.urls['320']);
    expect(page).toContain('百育镇四那村');
    const blank = await web.submit(`/admin/catalog/${id}/reject`, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/id="reason-error"[^>]*>必填/);
    expect((await http().get(`/api/v1/admin/products/${id}`).set(market.admin).expect(200)).body.status).toBe(
      'pending_review',
    );

    const rejected = await web.submit(`/admin/catalog/${id}/reject`, { reason: '标题里不能有代码' });
    expect(rejected.status).toBe(303);
    expect(rejected.headers.location).toBe('/admin/catalog?done=rejected');
    const afterReject = await http().get(`/api/v1/admin/products/${id}`).set(market.admin).expect(200);
    expect(afterReject.body).toMatchObject({ status: 'rejected', rejectionReason: '标题里不能有代码' });

    // The seller corrects the title and sends it again, through the API.
    const fixed = mangoProduct({ title: '田阳桂七芒果 特级' });
    await http()
      .put(`${productsOf()}/${id}/content`)
      .set(seller)
      .send({ content: { ...fixed.content, imageIds: [photo.id] } })
      .expect(200);
    await http().post(`${productsOf()}/${id}/submit`).set(seller).expect(201);
    const again = await web.page(`/admin/catalog/${id}`);
    expect(again).toContain('标题里不能有代码');
    const approved = await web.submit(`/admin/catalog/${id}/approve`, {});
    expect(approved.status).toBe(303);
    expect((await http().get(`/api/v1/products/${id}`).expect(200)).body.title).toBe('田阳桂七芒果 特级');
    expect(await web.page('/admin/catalog')).not.toContain(`href="/admin/catalog/${id}"`);
  });

  it('shows what a revision of a live product changes, field by field', async () => {
    const { body: mine } = await http().get(`${productsOf()}`).set(seller).expect(200);
    const live = mine.items.find((p: { title: string }) => p.title === '田阳桂七芒果 特级 5斤装') as { id: string };
    const edited = mangoProduct({ title: '田阳桂七芒果 特级 新包装', description: '树上自然熟，坏果包赔。' });
    const photo = await upload(seller);
    await http()
      .put(`${productsOf()}/${live.id}/content`)
      .set(seller)
      .send({ content: { ...edited.content, imageIds: [photo.id] } })
      .expect(200);

    const queue = await web.page('/admin/catalog');
    expect(queue).toContain(`href="/admin/catalog/${live.id}"`);
    expect(queue).toContain('修改待审');
    const page = await web.page(`/admin/catalog/${live.id}`);
    expect(page).toContain('修改了什么');
    const rows = [
      ...page.matchAll(
        /<tr class="op-change"><th scope="row">([^<]+)<\/th><td><del>([^<]*)<\/del><\/td><td><ins>([^<]*)<\/ins>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['标题', '田阳桂七芒果 特级 5斤装', '田阳桂七芒果 特级 新包装'],
      ['描述', '树上自然熟，顺丰冷链次日达。', '树上自然熟，坏果包赔。'],
      ['照片', '（空）', '1 张'],
    ]);
    expect(page).toContain('修改后的照片');
    expect(page).toContain(photo.urls['320']);
    expect((await web.submit(`/admin/catalog/${live.id}/approve`, {})).status).toBe(303);
    expect((await http().get(`/api/v1/products/${live.id}`).expect(200)).body.title).toBe('田阳桂七芒果 特级 新包装');
  });

  it('reviews a store with its photos, county and village, and its household flags with the evidence', async () => {
    const owner = bearer((await loginUser(market.api, await registerUser(market.api))).accessToken);
    const photo = await upload(owner);
    const applied = await http()
      .post('/api/v1/sellers')
      .set(owner)
      .send(sellerApplication({ displayName: '四那村芒果合作社', photoIds: [photo.id] }))
      .expect(201);
    const id = applied.body.id as string;
    const queue = await web.page('/admin/stores');
    expect(queue).toContain('四那村芒果合作社');
    expect(queue).toContain('田阳区');
    expect(queue).toContain('合作社');
    expect(queue).toContain(photo.urls['320']);

    const flagged = await web.submit(`/admin/stores/${id}/household-flags`, {
      flags: 'poverty_alleviated',
      evidenceNote: '田阳区乡村振兴局 2026 年名册',
    });
    expect(flagged.status).toBe(303);
    const page = await web.page(`/admin/stores/${id}`);
    expect(page).toContain('脱贫户');
    expect(page).toContain('田阳区乡村振兴局 2026 年名册');
    expect(page).toContain('百育镇四那村');
    expect(page).toContain(photo.urls['320']);

    const blank = await web.submit(`/admin/stores/${id}/reject`, {});
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/id="reason-error"[^>]*>必填/);
    expect((await web.submit(`/admin/stores/${id}/approve`, {})).status).toBe(303);
    const after = await http().get(`/api/v1/admin/sellers/${id}`).set(market.admin).expect(200);
    expect(after.body).toMatchObject({ status: 'verified', householdFlags: ['poverty_alleviated'] });
  });

  it('grants and revokes roles, and a buyer made finance reaches the finance page only', async () => {
    const user = await registerUser(market.api);
    const me = await http()
      .get('/api/v1/me')
      .set(bearer((await loginUser(market.api, user)).accessToken))
      .expect(200);
    const userId = me.body.id as string;
    let list = await web.page('/admin/accounts');
    while (!list.includes(`id="user-${userId}"`)) {
      const more = /href="(\/admin\/users\?cursor=[^"]+)"/.exec(list);
      expect(more).not.toBeNull();
      list = await web.page(more![1].replace(/&amp;/g, '&'));
    }
    expect((await web.submit(`/admin/accounts/${userId}/roles`, { role: 'finance' })).status).toBe(303);
    const person = webClient(market.api);
    await person.signIn(user.email, user.password);
    expect(await person.page('/finance')).toContain('试算平衡');
    await person.page('/admin', 403);

    expect((await web.submit(`/admin/accounts/${userId}/roles/finance/revoke`, {})).status).toBe(303);
    await person.page('/finance', 403);
    const rootId = (await http().get('/api/v1/me').set(market.admin).expect(200)).body.id as string;
    const own = await web.submit(`/admin/accounts/${rootId}/roles/admin/revoke`, {});
    expect(own.status).toBe(409);
    expect(own.text).toContain('不能取消自己的运营管理员角色');
  });

  it('confirms a bank transfer by its reference; a wrong one is refused next to the field', async () => {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(market.api, buyer, [{ variantId: mango, quantity: 1 }], 'bank_transfer');
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    const reference = placed.body.bankTransfer.reference as string;

    const desk = await web.page('/finance');
    expect(desk).toContain(reference);
    // The same list for the API's users.
    const awaiting = await http().get('/api/v1/finance/bank-transfers').set(market.admin).expect(200);
    expect(awaiting.body.items).toContainEqual(
      expect.objectContaining({ reference, amountFen: placed.body.bankTransfer.amountFen }),
    );
    await http().get('/api/v1/finance/bank-transfers').set(buyer).expect(403);
    expect((await http().get('/api/v1/finance/payouts').set(market.admin).expect(200)).body.items).toEqual([]);
    expect(desk).toContain('href="/admin/queues"');

    const wrong = await web.submit('/finance/transfers/confirm', {
      reference: 'NOPE-0000',
      bankReference: 'ICBC-20261201-0001',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="reference-error"[^>]*>没有找到这个付款码的转账/);
    expect(wrong.text).toContain('value="ICBC-20261201-0001"');
    const short = await web.submit('/finance/transfers/confirm', { reference, bankReference: '' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/id="bankReference-error"[^>]*>必填/);

    const confirmed = await web.submit('/finance/transfers/confirm', {
      reference: reference.toLowerCase(),
      bankReference: 'ICBC-20261201-0002',
    });
    expect(confirmed.status).toBe(303);
    const after = await web.page(confirmed.headers.location);
    expect(after).toContain('已确认转账');
    await eventually(
      async () =>
        (await http().get(`/api/v1/orders/${order.id}`).set(buyer).expect(200)).body.status === 'paid' || undefined,
      { what: 'the order paid' },
    );
    expect(await web.page('/finance')).not.toContain(`<code>${reference}</code>`);
  });

  it('marks an offline refund given back with its reference, once', async () => {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(market.api, buyer, [{ variantId: mango, quantity: 1 }], 'bank_transfer');
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    await http().post(`/api/v1/orders/${order.id}/cancel`).set(buyer).expect(201);
    // The buyer had sent the money anyway: it is owed back, by hand.
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-20261201-0003');
    const pending = async () =>
      (
        await http().get('/api/v1/finance/refunds').query({ status: 'pending', provider: 'offline' }).set(market.admin)
      ).body.items.find((r: { referenceId: string }) => r.referenceId === order.id) as { id: string } | undefined;
    const refund = await eventually(pending, { what: 'the refund owed' });

    const desk = await web.page('/finance');
    expect(desk).toContain(`action="/finance/offline-refunds/${refund.id}/mark-paid"`);
    const blank = await web.submit(`/finance/offline-refunds/${refund.id}/mark-paid`, { reference: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(new RegExp(`id="refund-${refund.id}-error"[^>]*>必填`));
    const paid = await web.submit(`/finance/offline-refunds/${refund.id}/mark-paid`, { reference: 'ICBC-BACK-0001' });
    expect(paid.status).toBe(303);
    const detail = await http().get(`/api/v1/finance/refunds/${refund.id}`).set(market.admin).expect(200);
    expect(detail.body).toMatchObject({ status: 'succeeded', externalReference: 'ICBC-BACK-0001' });
    const twice = await web.submit(`/finance/offline-refunds/${refund.id}/mark-paid`, { reference: 'ICBC-BACK-0002' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('这笔退款已经处理过了');
  });

  it('marks a bank payout to a store sent with the bank reference', async () => {
    // A payout as the nightly run records it (PayoutsService.run needs delivered orders past their hold).
    const [{ id }] = (await market.worker.dataSource.query(
      `INSERT INTO payouts (seller_id, amount_fen, status, method) VALUES ($1, 12345, 'pending', 'bank') RETURNING id`,
      [store],
    )) as Array<{ id: string }>;
    const desk = await web.page('/finance');
    expect(desk).toContain(`action="/finance/bank-payouts/${id}/mark-paid"`);
    expect(desk).toContain('¥123.45');
    const short = await web.submit(`/finance/bank-payouts/${id}/mark-paid`, { reference: 'AB' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(new RegExp(`id="payout-${id}-error"[^>]*>至少 4 个字`));
    const paid = await web.submit(`/finance/bank-payouts/${id}/mark-paid`, { reference: 'ABC-PAY-0001' });
    expect(paid.status).toBe(303);
    const detail = await http().get(`/api/v1/finance/payouts/${id}`).set(market.admin).expect(200);
    expect(detail.body).toMatchObject({ status: 'paid', bankReference: 'ABC-PAY-0001' });
    expect(await web.page('/finance')).not.toContain(`/finance/bank-payouts/${id}/mark-paid`);
  });

  it('shows the trial balance in yuan', async () => {
    const desk = await web.page('/finance');
    expect(desk).toMatch(/class="price op-balance">¥0\.00</);
    expect(desk).toContain('平衡');
    expect(desk).toMatch(/¥\d[\d,]*\.\d\d/);
  });

  it('sends a stranger to the login page and gives a buyer or a seller the 403 page', async () => {
    const stranger = webClient(market.api);
    for (const path of ['/admin', '/finance', '/admin/catalog', '/admin/accounts']) {
      const res = await stranger.agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('/login');
    }
    const user = await registerUser(market.api);
    const buyer = webClient(market.api);
    await buyer.signIn(user.email, user.password);
    for (const path of ['/admin', '/admin/stores', '/admin/catalog', '/admin/accounts', '/finance']) {
      expect(await buyer.page(path, 403)).toContain('您没有权限进行此操作');
    }
    const farmer = webClient(market.api);
    await farmer.signIn(sellerLogin.email, sellerLogin.password);
    for (const path of ['/admin', '/admin/catalog', '/finance']) {
      expect(await farmer.page(path, 403)).toContain('您没有权限进行此操作');
    }
    const forged = await buyer.submit('/finance/transfers/confirm', {
      reference: 'ABCD-1234',
      bankReference: 'X-1234',
    });
    expect(forged.status).toBe(403);
  });
});
