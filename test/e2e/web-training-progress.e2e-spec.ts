import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import {
  bearer,
  confirmBankTransfer,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { WebClient, webClient } from '../utils/web-client';
import { textBody } from '../utils/text-body';

describe('the trainer’s progress pages and the trainee’s assignments page', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let trainer: WebClient;
  let trainee: WebClient;
  let cohortId: string;
  let enrollmentId: string;
  let goodsFen: number;

  beforeAll(async () => {
    market = await startMarketplace();
    ({ api } = market);
    const trainerAccount = await newTrainer(market);
    cohortId = (await openCohort(market, trainerAccount.auth)).id;
    const user = await registerUser(api);
    const auth = bearer((await loginUser(api, user)).accessToken);
    await api.http().patch('/api/v1/me').set(auth).send({ displayName: '韦美玲' }).expect(200);
    enrollmentId = (await enrol(api, cohortId, auth)).id;
    const { store } = await openStore(market, { seller: auth });
    const [variantId] = await publishProduct(api, auth, market.admin, store, mangoProduct());
    const placed = await placeOrder(api, await market.newBuyer(), [{ variantId, quantity: 1 }], 'bank_transfer');
    goodsFen = placed.body.orders[0].goodsFen;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-WEB-0001');
    trainer = webClient(api);
    await trainer.signIn(trainerAccount.user.email, trainerAccount.user.password);
    trainee = webClient(api);
    await trainee.signIn(user.email, user.password);
  });

  afterAll(async () => {
    await market?.close();
  });

  const boardPath = () => `/trainer/cohorts/${cohortId}/progress`;

  it('shows the board on a card per trainee, with the totals, the GMV and a CSV link', async () => {
    const html = await eventually(
      async () => {
        const page = await trainer.page(boardPath());
        return page.includes('¥59.90') && page.includes('✓ 第一笔订单付款') ? page : undefined;
      },
      { what: 'the sale on the board' },
    );
    expect(html).toContain('韦美玲');
    expect(html).toContain('店铺通过审核');
    expect(html).toContain(`href="/trainer/cohorts/${cohortId}/progress.csv"`);
    expect(html).toContain('aria-current="page"');
    expect(html).toMatch(/已开单<\/dt><dd>1<\/dd>/);
  });

  it('downloads the CSV in the page’s language, with a BOM', async () => {
    const res = await trainer.agent.get(`${boardPath()}.csv`).buffer(true).parse(textBody).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = (res.body as string).split('\r\n');
    expect(header.startsWith('\uFEFF姓名,状态,出勤次数,已上课次数,店铺通过审核')).toBe(true);
    expect(row.startsWith('韦美玲,在读,0,0,')).toBe(true);
    expect(row).toContain(`,${(goodsFen / 100).toFixed(2)},`);
  });

  it('adds an assignment, marks and unmarks it for the trainee by plain forms', async () => {
    await trainer.page(`/trainer/cohorts/${cohortId}/assignments`);
    const empty = await trainer.submit(`/trainer/cohorts/${cohortId}/assignments`, { title: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('field-error');
    const added = await trainer.submit(`/trainer/cohorts/${cohortId}/assignments`, {
      title: '写一段产品故事',
      required: 'on',
    });
    expect(added.status).toBe(303);
    const manage = await trainer.page(`/trainer/cohorts/${cohortId}/assignments?done=added`);
    const aid = /assignments\/([0-9a-f-]{36})\/delete/.exec(manage)![1];

    const detailPath = `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/progress`;
    await trainer.page(detailPath);
    const marked = await trainer.submit(
      `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/assignments/${aid}/mark`,
      { note: '故事写得好' },
    );
    expect(marked.status).toBe(303);
    const detail = await trainer.page(`${detailPath}?done=marked`);
    expect(detail).toContain('故事写得好');
    expect(detail).toContain('撤销完成');

    const builtin = await trainer.submit(
      `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/assignments/store_verified/mark`,
      {},
    );
    expect(builtin.status).toBe(409);
    expect(builtin.text).toContain('不能手动标记');

    await trainer.page(`/trainer/cohorts/${cohortId}/assignments`);
    const busy = await trainer.submit(`/trainer/cohorts/${cohortId}/assignments/${aid}/delete`, {});
    expect(busy.status).toBe(409);
    expect(busy.text).toContain('不能删除');

    const mine = await trainee.page(`/training/enrollments/${enrollmentId}/assignments`);
    expect(mine).toContain('写一段产品故事');
    expect(mine).toContain('店铺通过审核');

    await trainer.page(detailPath);
    const unmarked = await trainer.submit(
      `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/assignments/${aid}/unmark`,
      {},
    );
    expect(unmarked.status).toBe(303);
    await trainer.page(`/trainer/cohorts/${cohortId}/assignments`);
    expect((await trainer.submit(`/trainer/cohorts/${cohortId}/assignments/${aid}/delete`, {})).status).toBe(303);
  });

  it('shows another trainer and the trainee "not found" for the trainer’s pages', async () => {
    const other = await newTrainer(market);
    const stranger = webClient(api);
    await stranger.signIn(other.user.email, other.user.password);
    await stranger.page(boardPath(), 404);
    await stranger.page(`${boardPath()}.csv`, 404);
    await stranger.page(`/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/progress`, 404);
    await stranger.page(`/training/enrollments/${enrollmentId}/assignments`, 404);
    await trainee.page(boardPath(), 404);
  });
});
