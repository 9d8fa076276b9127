import { newTrainer, openCohort } from '../factories/cohort.factory';
import { TIANYANG } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { Auth, bearer, Marketplace, startMarketplace } from '../utils/marketplace';
import { WebClient, webClient } from '../utils/web-client';

const STORE_FIELDS = {
  kind: 'farmer_household',
  displayName: '那坡村黄家芒果',
  originCountyCode: TIANYANG,
  originPlace: '那坡镇那坡村',
  contactPhone: '139 0776 0042',
  description: '自家果园，树上熟。',
};

/** Sends the multipart application form from the last page, its CSRF token on the action URL (as the page does). */
function sendApplication(web: WebClient, fields: Record<string, string>) {
  let req = web.agent.post(`/seller/apply?_csrf=${encodeURIComponent(web.csrfToken())}`);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req;
}

describe('assisted onboarding from the pages: consent, a trainer applies for the trainee, withdrawal', () => {
  let market: Marketplace;
  let trainerAccount: Awaited<ReturnType<typeof newTrainer>>;
  let trainer: WebClient;
  let trainee: WebClient;
  let traineeAuth: Auth;
  let traineeId: string;
  let cohortId: string;
  let enrollmentId: string;
  let storeId: string;

  const enrollmentPath = () => `/training/enrollments/${enrollmentId}`;
  const traineePath = () => `/trainer/cohorts/${cohortId}/enrollments/${enrollmentId}/progress`;
  const applyPath = () => `/seller/apply?onBehalfOf=${traineeId}`;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    trainerAccount = await newTrainer(market);
    cohortId = (await openCohort(market, trainerAccount.auth)).id;
    trainer = webClient(market.api);
    await trainer.signIn(trainerAccount.user.email, trainerAccount.user.password);

    const user = await registerUser(market.api);
    traineeId = user.id;
    traineeAuth = bearer((await loginUser(market.api, user)).accessToken);
    await market.api.http().patch('/api/v1/me').set(traineeAuth).send({ displayName: '黄秀英' }).expect(200);
    trainee = webClient(market.api);
    await trainee.signIn(user.email, user.password);
  });

  afterAll(async () => {
    await market?.close();
  });

  it('lets the trainee enrol and consent on their cohort page to this cohort’s trainer', async () => {
    await trainee.page(`/cohorts/${cohortId}`);
    expect((await trainee.submit(`/cohorts/${cohortId}/enrol`, {})).status).toBe(303);
    const mine = await market.api.http().get('/api/v1/me/enrollments').set(traineeAuth).expect(200);
    enrollmentId = mine.body.items[0].id;

    const before = await trainee.page(enrollmentPath());
    expect(before).toContain('让培训老师帮我开店');
    expect(before).toContain('我同意该培训师代我开设并管理我的店铺');
    expect(before).toContain(`action="${enrollmentPath()}/assistance"`);
    expect(before).not.toContain('已同意');

    // Before consent the trainer sees it missing, and has no way to apply.
    const unconsented = await trainer.page(traineePath());
    expect(unconsented).toContain('学员还没有同意您代其开店');
    expect(unconsented).not.toContain('为学员申请开店');

    const given = await trainee.submit(`${enrollmentPath()}/assistance`, {});
    expect(given.status).toBe(303);
    expect(given.headers.location).toBe(`${enrollmentPath()}?done=consented`);
    const after = await trainee.page(given.headers.location);
    expect(after).toContain('已同意培训老师帮您开店。');
    expect(after).toMatch(/<span class="badge">已同意<\/span> \d{4}/);
    expect(after).toContain(`action="${enrollmentPath()}/assistance/withdraw"`);

    // Twice is refused in the card, in Chinese, nothing else changes.
    const twice = await trainee.submit(`${enrollmentPath()}/assistance`, {});
    expect(twice.status).toBe(409);
    expect(twice.text).toMatch(/id="assistance-error"[^>]*>您已经同意过这位老师/);
  });

  it('shows the trainer the consent and a way to apply, and the application makes a store the trainee owns', async () => {
    const page = await trainer.page(traineePath());
    expect(page).toContain('学员已同意');
    expect(page).toContain(`href="${applyPath()}"`);
    expect(page).toContain('为学员申请开店');

    const form = await trainer.page(applyPath());
    expect(form).toContain('为学员 黄秀英 申请');
    expect(form).toContain(`<input type="hidden" name="onBehalfOf" value="${traineeId}">`);

    const applied = await sendApplication(trainer, { ...STORE_FIELDS, onBehalfOf: traineeId });
    expect(applied.status).toBe(303);
    storeId = /^\/seller\/stores\/([0-9a-f-]{36})$/.exec(applied.headers.location)![1];
    expect(await trainer.page(applied.headers.location)).toContain('那坡村黄家芒果');

    // The trainee owns it (it is on their own list and the API's), the trainer manages it.
    const owned = await market.api.http().get(`/api/v1/seller/stores/${storeId}`).set(traineeAuth).expect(200);
    expect(owned.body.ownerId).toBe(traineeId);
    expect(await trainee.page('/seller')).toContain('那坡村黄家芒果');

    // The board lists what the trainer did for the trainee, and the trainee page links the store.
    const board = await market.api
      .http()
      .get(`/api/v1/cohorts/${cohortId}/progress`)
      .set(trainerAccount.auth)
      .expect(200);
    const row = board.body.trainees.find((t: { enrollmentId: string }) => t.enrollmentId === enrollmentId);
    expect(row.trainerActions).toEqual([expect.objectContaining({ action: 'seller.created' })]);
    const withStore = await trainer.page(traineePath());
    expect(withStore).toContain(`href="/seller/stores/${storeId}"`);
    expect(withStore).toContain('管理学员的店铺：那坡村黄家芒果');
    expect(withStore).not.toContain('为学员申请开店');
  });

  it('refuses another trainer the consent, and a non-trainer, in the page’s language', async () => {
    const other = await newTrainer(market);
    const otherWeb = webClient(market.api);
    await otherWeb.signIn(other.user.email, other.user.password);
    const refusedPage = await otherWeb.page(applyPath(), 403);
    expect(refusedPage).toContain('学员没有同意您代其开店');
    expect(refusedPage).not.toContain('黄秀英');
    const refused = await sendApplication(otherWeb, { ...STORE_FIELDS, onBehalfOf: traineeId });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/class="form-error" role="alert">学员没有同意您代其开店/);

    // In English (the footer's language switch), the same refusal in English.
    expect((await otherWeb.submit('/language', { locale: 'en', next: applyPath() })).status).toBe(303);
    const english = await otherWeb.page(applyPath(), 403);
    expect(english).toContain('For a trainee');
    expect(english).toContain('The trainee has not consented to you opening a store');

    const farmer = await registerUser(market.api);
    const farmerWeb = webClient(market.api);
    await farmerWeb.signIn(farmer.email, farmer.password);
    expect(await farmerWeb.page(applyPath(), 403)).toContain('只有培训师才能为学员申请开店');
    expect(await farmerWeb.page('/seller/apply?onBehalfOf=nobody', 404)).toBeTruthy();

    const stores = await market.api.http().get('/api/v1/seller/stores').set(traineeAuth).expect(200);
    expect(stores.body.items).toHaveLength(1);
  });

  it('lets the trainee withdraw consent on the page; the trainer’s next application is refused with the reason', async () => {
    await trainee.page(enrollmentPath());
    const withdrawn = await trainee.submit(`${enrollmentPath()}/assistance/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.location).toBe(`${enrollmentPath()}?done=consentWithdrawn`);
    const page = await trainee.page(withdrawn.headers.location);
    expect(page).toContain('已撤回同意');
    expect(page).toContain(`action="${enrollmentPath()}/assistance"`);

    const traineePage = await trainer.page(traineePath());
    expect(traineePage).toContain('学员还没有同意您代其开店');
    expect(traineePage).not.toContain(`href="/seller/stores/${storeId}"`);

    // The form was opened while consent stood; sending it now is refused on the page.
    const again = await sendApplication(trainer, { ...STORE_FIELDS, displayName: '第二家店', onBehalfOf: traineeId });
    expect(again.status).toBe(403);
    expect(again.text).toMatch(/class="form-error" role="alert">学员没有同意您代其开店/);
    expect(again.text).toContain('value="第二家店"');
    await trainer.page(`/seller/stores/${storeId}`, 404);
  });
});
