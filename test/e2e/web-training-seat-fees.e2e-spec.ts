import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatDateTime } from '../../src/web/render/format';
import { newFeeCollectingTrainer, newTrainer, openPaidCohort } from '../factories/cohort.factory';
import { sellerApplication, TIANYANG } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startFakeStripe } from '../utils/fake-stripe';
import { eventually } from '../utils/eventually';
import {
  Auth,
  bearer,
  confirmBankTransfer,
  fakeStripeEnvironment,
  Marketplace,
  MarketplaceWithWorker,
  startMarketplace,
} from '../utils/marketplace';
import { WebClient, webClient } from '../utils/web-client';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** A `datetime-local` value in Beijing time, `days` from now at 09:30. */
const beijingInput = (days: number) =>
  `${new Date(Date.now() + days * DAY + 8 * HOUR).toISOString().slice(0, 10)}T09:30`;
const uuidIn = (path: string) => /([0-9a-f-]{36})/.exec(path)![1];

/** A signed-in trainee on the pages (a browser without JavaScript), with their API token to read answers. */
async function traineeWeb(market: Marketplace): Promise<{ auth: Auth; web: WebClient }> {
  const user = await registerUser(market.api);
  const web = webClient(market.api);
  await web.signIn(user.email, user.password);
  return { auth: bearer((await loginUser(market.api, user)).accessToken), web };
}

describe('the seat fee pages: a paid cohort made by its form, a held seat paid by bank transfer', () => {
  let market: MarketplaceWithWorker;
  let ds: DataSource;
  let trainer: Awaited<ReturnType<typeof newFeeCollectingTrainer>>;
  let trainerWeb: WebClient;
  /** A store of the trainer's still in review: it cannot collect fees. */
  let pendingStore: string;

  beforeAll(async () => {
    // The hold timer stays out of the way: the tests move time by hand and release holds themselves.
    market = await startMarketplace({ TRAINING_TIMER_SWEEP_SECONDS: '3600' });
    ds = market.api.app.get(DataSource);
    trainer = await newFeeCollectingTrainer(market);
    const applied = await market.api
      .http()
      .post('/api/v1/sellers')
      .set(trainer.auth)
      .send(sellerApplication({ displayName: '田阳百育芒果合作社' }))
      .expect(201);
    pendingStore = applied.body.id as string;
    trainerWeb = webClient(market.api);
    await trainerWeb.signIn(trainer.user.email, trainer.user.password);
  });

  afterAll(async () => {
    await market?.close();
  });

  const http = () => market.api.http();
  const cohortForm = (overrides: Record<string, string> = {}) => ({
    title: '田阳芒果直播带货班（收费）',
    description: '四次课，含直播实操。',
    countyCode: TIANYANG,
    format: 'in_person',
    capacity: '20',
    enrolmentOpensAt: beijingInput(-1),
    enrolmentClosesAt: beijingInput(6),
    startsAt: beijingInput(7),
    endsAt: beijingInput(30),
    minSessionsAttended: '1',
    ...overrides,
  });
  const apiCohort = async (id: string) =>
    (await http().get(`/api/v1/trainer/cohorts/${id}`).set(trainer.auth).expect(200)).body as {
      seatFeeFen: number;
      feeSellerId: string | null;
      title: string;
    };
  const seatPayment = async (auth: Auth, enrollmentId: string) =>
    (await http().get(`/api/v1/enrollments/${enrollmentId}/payment`).set(auth).expect(200)).body;

  it('points a trainer without a verified store to the store application, and offers only verified stores', async () => {
    const storeless = await newTrainer(market);
    const web = webClient(market.api);
    await web.signIn(storeless.user.email, storeless.user.password);
    const bare = await web.page('/trainer/cohorts/new');
    expect(bare).toContain('name="seatFeeFen"');
    expect(bare).toContain('收报名费需要一个您自己名下、已通过审核的店铺');
    expect(bare).toContain('href="/seller/apply"');

    const form = await trainerWeb.page('/trainer/cohorts/new');
    expect(form).toContain('每人报名费（元）');
    expect(form).toContain('报名费在班级开放报名后就固定了');
    expect(form).toContain(`<option value="${trainer.feeSellerId}">`);
    // The store in review is listed with its status, and cannot be chosen.
    expect(form).toContain(`<option value="${pendingStore}" disabled>田阳百育芒果合作社（审核中）</option>`);
    expect(form).not.toContain('id="cohort-fee-store-apply"');
  });

  it('creates a paid cohort through the form: yuan to fen, refusals on the field, the fee fixed once open', async () => {
    // A store not verified is refused next to the store, in the trainer's words, with the fee kept as typed.
    const unverified = await trainerWeb.submit(
      '/trainer/cohorts/new',
      cohortForm({ seatFeeFen: '99.50', feeSellerId: pendingStore }),
    );
    expect(unverified.status).toBe(409);
    expect(unverified.text).toContain('id="feeSellerId-error"');
    expect(unverified.text).toContain('这个店铺还没通过审核，审核通过后才能收报名费。');
    expect(unverified.text).toContain('value="99.50"');
    const noStore = await trainerWeb.submit(
      '/trainer/cohorts/new',
      cohortForm({ seatFeeFen: '99.50', feeSellerId: '' }),
    );
    expect(noStore.status).toBe(400);
    expect(noStore.text).toContain('收报名费要选一个收款店铺。');
    const notMoney = await trainerWeb.submit(
      '/trainer/cohorts/new',
      cohortForm({ seatFeeFen: '九十九', feeSellerId: trainer.feeSellerId }),
    );
    expect(notMoney.status).toBe(400);
    expect(notMoney.text).toContain('id="seatFeeFen-error"');
    expect(notMoney.text).toContain('请填写 0 到 ¥10,000.00 之间的金额');
    expect(notMoney.text).toContain('value="九十九"');
    const tooMuch = await trainerWeb.submit(
      '/trainer/cohorts/new',
      cohortForm({ seatFeeFen: '10000.01', feeSellerId: trainer.feeSellerId }),
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.text).toContain('id="seatFeeFen-error"');

    const created = await trainerWeb.submit(
      '/trainer/cohorts/new',
      cohortForm({ seatFeeFen: '99.50', feeSellerId: trainer.feeSellerId }),
    );
    expect(created.status).toBe(303);
    const path = created.headers.location as string;
    const id = uuidIn(path);
    expect(await apiCohort(id)).toMatchObject({ seatFeeFen: 9950, feeSellerId: trainer.feeSellerId });
    const overview = await trainerWeb.page(path);
    expect(overview).toContain('报名费 ¥99.50');
    expect(overview).toContain('田阳电商培训学校');

    // While a draft, the edit form shows the fee in yuan and changes it; blank makes it free.
    const draft = await trainerWeb.page(`${path}/edit`);
    expect(draft).toContain('value="99.50"');
    expect(draft).toContain(`<option value="${trainer.feeSellerId}" selected>`);
    expect(
      (await trainerWeb.submit(`${path}/edit`, cohortForm({ seatFeeFen: '', feeSellerId: trainer.feeSellerId })))
        .status,
    ).toBe(303);
    expect(await apiCohort(id)).toMatchObject({ seatFeeFen: 0, feeSellerId: null });
    expect(
      (await trainerWeb.submit(`${path}/edit`, cohortForm({ seatFeeFen: '120', feeSellerId: trainer.feeSellerId })))
        .status,
    ).toBe(303);
    expect(await apiCohort(id)).toMatchObject({ seatFeeFen: 12000, feeSellerId: trainer.feeSellerId });

    const starts = new Date((await http().get(`/api/v1/trainer/cohorts/${id}`).set(trainer.auth)).body.startsAt);
    await http()
      .post(`/api/v1/cohorts/${id}/sessions`)
      .set(trainer.auth)
      .send({
        startsAt: new Date(starts.getTime() + HOUR).toISOString(),
        durationMinutes: 120,
        topic: '开班',
        kind: 'class',
      })
      .expect(201);
    expect((await trainerWeb.submit(`${path}/open`, {})).status).toBe(303);

    // Open: the fee is read-only, and the rest of the form still saves.
    const open = await trainerWeb.page(`${path}/edit`);
    expect(open).not.toContain('name="seatFeeFen"');
    expect(open).not.toContain('name="feeSellerId"');
    expect(open).toContain('id="seat-fee-fixed"');
    expect(open).toContain('报名费 ¥120.00');
    expect(open).toContain('班级已开放报名，报名费不能再修改。');
    const renamed = await trainerWeb.submit(`${path}/edit`, cohortForm({ title: '田阳芒果直播带货班（第二期）' }));
    expect(renamed.status).toBe(303);
    expect(await apiCohort(id)).toMatchObject({ title: '田阳芒果直播带货班（第二期）', seatFeeFen: 12000 });
    // A fee sent anyway (a form left open from the draft) is refused on the fee, in the trainer's words.
    const locked = await trainerWeb.submit(
      `${path}/edit`,
      cohortForm({ seatFeeFen: '50', feeSellerId: trainer.feeSellerId }),
    );
    expect(locked.status).toBe(409);
    expect(locked.text).toContain('id="seatFeeFen-error"');
    expect(locked.text).toContain('班级开放报名后，报名费就不能再改了。');
    expect((await apiCohort(id)).seatFeeFen).toBe(12000);
  });

  it('holds a seat on enrolment, shows the transfer to make, and gives the seat once finance confirms it', async () => {
    const { id: cohortId } = await openPaidCohort(market, trainer, 9900, { capacity: 2 });
    const { title } = await apiCohort(cohortId);
    expect(await webClient(market.api).page('/cohorts')).toContain('报名费 ¥99.00');

    const trainee = await traineeWeb(market);
    const cohortPage = await trainee.web.page(`/cohorts/${cohortId}`);
    expect(cohortPage).toContain('报名费 ¥99.00');
    expect(cohortPage).toContain('报名后名额为您保留 24 小时');
    expect(cohortPage).toContain('报名并付款');

    // Enrolling with a seat free holds it and goes straight on to paying.
    const enrolled = await trainee.web.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(enrolled.status).toBe(303);
    const payPath = enrolled.headers.location as string;
    expect(payPath).toMatch(/^\/training\/enrollments\/[0-9a-f-]{36}\/pay$/);
    const enrollmentId = uuidIn(payPath);
    const { enrollment: held } = await seatPayment(trainee.auth, enrollmentId);
    expect(held).toMatchObject({ status: 'awaiting_payment', seatFeeFen: 9900 });
    const heldUntil = formatDateTime(held.seatHeldUntil, 'zh-CN');

    const pay = await trainee.web.page(payPath);
    expect(pay).toContain('支付报名费');
    expect(pay).toContain(title);
    expect(pay).toContain('¥99.00');
    expect(pay).toContain('名额保留至');
    expect(pay).toContain(heldUntil);
    expect(pay).toContain('value="bank_transfer"');
    // No Stripe publishable key here: no card, and no Stripe script.
    expect(pay).not.toContain('value="stripe"');
    expect(pay).not.toContain('js.stripe.com');

    // The held seat counts as taken for everyone else.
    const seen = await webClient(market.api).page(`/cohorts/${cohortId}`);
    expect(seen).toContain('共 2 个名额，剩余 1 个');
    expect(seen).toContain('1 个名额正等待报名者付款，已算作占用。');

    const noMethod = await trainee.web.submit(payPath, {});
    expect(noMethod.status).toBe(400);
    expect(noMethod.text).toContain('id="paymentMethod-error"');
    const chosen = await trainee.web.submit(payPath, { paymentMethod: 'bank_transfer' });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.location).toBe(`${payPath}?method=bank_transfer`);
    const instructions = await trainee.web.page(chosen.headers.location);
    const { bankTransfer } = await seatPayment(trainee.auth, enrollmentId);
    expect(bankTransfer).toMatchObject({ amountFen: 9900, reference: expect.stringMatching(/^FR/) });
    expect(instructions).toContain('银行转账信息');
    expect(instructions).toContain(`id="transfer-reference">${bankTransfer.reference}<`);
    expect(instructions).toContain('财务核对到账后，名额就属于您。');
    expect(instructions).toMatch(/转账金额<\/dt><dd class="price">¥99\.00<\/dd>/);
    // Choosing again (a double tap, a reload) gives the same transfer to make.
    await trainee.web.submit(payPath, { paymentMethod: 'bank_transfer' });
    const twice = await seatPayment(trainee.auth, enrollmentId);
    expect(twice.payments).toHaveLength(1);
    expect(twice.bankTransfer.reference).toBe(bankTransfer.reference);
    expect(await trainee.web.page(payPath)).toContain(bankTransfer.reference);

    // My training and the enrollment page say what is owed and until when, with the way to pay.
    const mine = await trainee.web.page('/training');
    expect(mine).toContain('待付款');
    expect(mine).toContain('待支付 ¥99.00，保留至');
    expect(mine).toContain(`href="${payPath}"`);
    const detail = await trainee.web.page(`/training/enrollments/${enrollmentId}`);
    expect(detail).toContain('待支付 ¥99.00，保留至');
    expect(detail).toContain('您还没有付款，退出后保留的名额会让给别人。');
    // The trainer sees the held seat with its deadline, and how many wait to pay.
    // Choosing a transfer held the seat longer (a transfer takes days), and the pages say until when.
    const { enrollment: transferHeld } = await seatPayment(trainee.auth, enrollmentId);
    expect(new Date(transferHeld.seatHeldUntil).getTime()).toBeGreaterThan(new Date(held.seatHeldUntil).getTime());
    const roster = await trainerWeb.page(`/trainer/cohorts/${cohortId}/enrollments`);
    expect(roster).toContain('待付款 1 人（名额已保留）');
    expect(roster).toContain(`待付 ¥99.00，保留至 ${formatDateTime(transferHeld.seatHeldUntil, 'zh-CN')}`);

    await confirmBankTransfer(market, bankTransfer.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    await eventually(async () => (await seatPayment(trainee.auth, enrollmentId)).enrollment.status === 'enrolled', {
      what: 'the seat paid',
    });
    const paid = await trainee.web.page(`/training/enrollments/${enrollmentId}`);
    expect(paid).toContain('已报名');
    expect(paid).toContain('已支付 ¥99.00');
    expect(paid).not.toContain(`href="${payPath}"`);
    // Withdrawing a paid seat says what comes back: all of it, before the start.
    expect(paid).toContain('您已支付 ¥99.00。还没到开课时间，现在退出，报名费全额退还。');
    expect(paid).toContain('开课后自行退出不退');
    expect(await trainee.web.page(`/cohorts/${cohortId}`)).toContain('您已报名本班');
    // Nothing left to pay: the pay page sends the trainee to the enrollment.
    const gone = await trainee.web.agent.get(payPath);
    expect(gone.status).toBe(303);
    expect(gone.headers.location).toBe(`/training/enrollments/${enrollmentId}`);
    const again = await trainee.web.submit(payPath, { paymentMethod: 'bank_transfer' });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/training/enrollments/${enrollmentId}`);
    expect(await trainerWeb.page(`/trainer/cohorts/${cohortId}/enrollments`)).toContain('已付 ¥99.00');

    // Withdrawn before the start: the fee is refunded, and the page follows the refund.
    await trainee.web.page(`/training/enrollments/${enrollmentId}`);
    const left = await trainee.web.submit(`/training/enrollments/${enrollmentId}/withdraw`, { confirm: 'yes' });
    expect(left.status).toBe(303);
    const refunding = await trainee.web.page(left.headers.location);
    expect(refunding).toContain('退款 ¥99.00');
    expect(refunding).toContain('退款处理中');
    const pending = await http()
      .get('/api/v1/finance/refunds')
      .query({ status: 'pending' })
      .set(market.admin)
      .expect(200);
    const refund = pending.body.items.find((r: { referenceId: string }) => r.referenceId === enrollmentId);
    await http()
      .post(`/api/v1/finance/refunds/${refund.id}/mark-paid`)
      .set(market.admin)
      .send({ reference: `ICBC-BACK-${randomUUID().slice(0, 8)}` })
      .expect(201);
    expect(await trainee.web.page(`/training/enrollments/${enrollmentId}`)).toContain('已退回');
  });

  it("shows someone else's pay page as not found", async () => {
    const { id: cohortId } = await openPaidCohort(market, trainer, 5000);
    const owner = await traineeWeb(market);
    await owner.web.page(`/cohorts/${cohortId}`);
    const payPath = (await owner.web.submit(`/cohorts/${cohortId}/enrol`, {})).headers.location as string;
    const other = await traineeWeb(market);
    const page = await other.web.page(payPath, 404);
    expect(page).not.toContain('¥50.00');
    expect((await other.web.submit(payPath, { paymentMethod: 'bank_transfer' })).status).toBe(404);
    await other.web.page(`/training/enrollments/${uuidIn(payPath)}`, 404);
    // A stranger is sent to sign in first.
    const stranger = await webClient(market.api).agent.get(payPath);
    expect(stranger.status).toBe(303);
    expect(stranger.headers.location).toBe(`/login?next=${encodeURIComponent(payPath)}`);
  });

  it('says so plainly when the time to pay ran out, and lets the trainee enrol again', async () => {
    const { id: cohortId } = await openPaidCohort(market, trainer, 5000, { capacity: 1 });
    const trainee = await traineeWeb(market);
    await trainee.web.page(`/cohorts/${cohortId}`);
    const payPath = (await trainee.web.submit(`/cohorts/${cohortId}/enrol`, {})).headers.location as string;
    const enrollmentId = uuidIn(payPath);
    // The day passes without a payment (the timer has not swept yet).
    await ds.query(`UPDATE enrollments SET seat_held_until = now() - interval '1 minute' WHERE id = $1`, [
      enrollmentId,
    ]);
    const expired = await trainee.web.page(payPath);
    expect(expired).toContain('付款时间已过，这个名额已经释放，不能再付款了。');
    expect(expired).toContain(`href="/cohorts/${cohortId}"`);
    expect(expired).not.toContain('name="paymentMethod"');
    const refused = await trainee.web.submit(payPath, { paymentMethod: 'bank_transfer' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('付款时间已过');
    expect((await seatPayment(trainee.auth, enrollmentId)).payments).toHaveLength(0);

    const cohortPage = await trainee.web.page(`/cohorts/${cohortId}`);
    expect(cohortPage).toContain('您的付款时间已过，保留的名额已释放。可以重新报名。');
    expect(cohortPage).toContain(`action="/cohorts/${cohortId}/enrol"`);
    const again = await trainee.web.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(/^\/training\/enrollments\/[0-9a-f-]{36}\/pay$/);
    expect(uuidIn(again.headers.location)).not.toBe(enrollmentId);
    expect(await trainee.web.page(again.headers.location)).toContain('名额保留至');
    // The old enrollment tells what became of it.
    expect(await trainee.web.page(`/training/enrollments/${enrollmentId}`)).toContain('未付款，名额已释放。');
  });

  it('speaks English on the fee pages', async () => {
    const { id: cohortId } = await openPaidCohort(market, trainer, 9900);
    const trainee = await traineeWeb(market);
    await trainee.web.page('/');
    expect((await trainee.web.submit('/language', { locale: 'en', next: `/cohorts/${cohortId}` })).status).toBe(303);
    const cohortPage = await trainee.web.page(`/cohorts/${cohortId}`);
    expect(cohortPage).toContain('Seat fee ¥99.00');
    expect(cohortPage).toContain('Enrol and pay');
    const payPath = (await trainee.web.submit(`/cohorts/${cohortId}/enrol`, {})).headers.location as string;
    const pay = await trainee.web.page(payPath);
    expect(pay).toContain('Pay the seat fee');
    expect(pay).toContain('Seat held until');
    expect(pay).toContain('Bank transfer');
    expect(pay).not.toMatch(/报名费|名额/);
    await trainee.web.submit(payPath, { paymentMethod: 'bank_transfer' });
    const transfer = await trainee.web.page(`${payPath}?method=bank_transfer`);
    expect(transfer).toContain('Bank transfer details');
    expect(transfer).toContain('the seat is yours once finance has matched it');
    expect(await trainee.web.page(`/training/enrollments/${uuidIn(payPath)}`)).toContain('¥99.00 to pay, held until');

    const trainerEn = webClient(market.api);
    await trainerEn.signIn(trainer.user.email, trainer.user.password);
    await trainerEn.page('/');
    await trainerEn.submit('/language', { locale: 'en', next: '/trainer/cohorts/new' });
    const form = await trainerEn.page('/trainer/cohorts/new');
    expect(form).toContain('Fee per trainee (yuan)');
    expect(form).toContain('The fee is fixed once the cohort opens for enrolment.');
    // The trainer's language is the account's: back to Chinese for the other tests.
    await trainerEn.submit('/language', { locale: 'zh-CN', next: '/trainer' });
  });
});

describe('the seat fee pages: paying by card with Stripe', () => {
  let market: Marketplace;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace(
      { ...fakeStripeEnvironment(stripe), STRIPE_PUBLISHABLE_KEY: 'pk_test_furrow' },
      { worker: false },
    );
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  it("mounts Stripe's Payment Element for the seat, returning to the enrollment page", async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const { id: cohortId } = await openPaidCohort(market, trainer, 9900);
    const trainee = await traineeWeb(market);
    await trainee.web.page(`/cohorts/${cohortId}`);
    const payPath = (await trainee.web.submit(`/cohorts/${cohortId}/enrol`, {})).headers.location as string;
    const enrollmentId = uuidIn(payPath);
    const choose = await trainee.web.page(payPath);
    expect(choose).toContain('value="stripe"');
    expect(choose).toContain('银行卡支付');
    expect(choose).not.toContain('js.stripe.com');

    const chosen = await trainee.web.submit(payPath, { paymentMethod: 'stripe' });
    expect(chosen.status).toBe(303);
    const card = await trainee.web.agent.get(chosen.headers.location).expect(200);
    expect(card.text).toContain('<script src="https://js.stripe.com/v3/" defer></script>');
    expect(card.text).toMatch(/src="\/assets\/stripe-checkout\.js\?v=/);
    expect(card.text).toMatch(/data-client-secret="pi_[^"]+_secret_[0-9a-f]+"/);
    expect(card.text).toContain('data-publishable-key="pk_test_furrow"');
    // Stripe comes back to the form's action: the enrollment page.
    expect(card.text).toContain(`id="stripe-form" action="/training/enrollments/${enrollmentId}" method="get"`);
    const csp = String(card.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://js.stripe.com");
    expect(csp).toContain('frame-src https://js.stripe.com');
    const plain = await trainee.web.agent.get(payPath).expect(200);
    expect(String(plain.headers['content-security-policy'])).not.toContain('stripe');
    const script = await trainee.web.agent.get('/assets/stripe-checkout.js').expect(200);
    expect(script.text).toContain("form.getAttribute('action')");

    const back = await trainee.web.page(`/training/enrollments/${enrollmentId}?redirect_status=succeeded`);
    expect(back).toContain('付款已提交，确认到账后名额就属于您了。');
  });
});
