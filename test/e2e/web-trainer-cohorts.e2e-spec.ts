import { newTrainer, openCohort } from '../factories/cohort.factory';
import { BAOJING, TIANYANG } from '../factories/seller.factory';
import { Marketplace, startMarketplace } from '../utils/marketplace';
import { webClient, WebClient } from '../utils/web-client';

const DAY = 24 * 3600_000;
/** A `datetime-local` value in Beijing time, `days` from now at 09:30. */
const beijingInput = (days: number) =>
  `${new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10)}T09:30`;

describe('the trainer cohort pages and the public cohort list', () => {
  let market: Marketplace;
  let trainer: Awaited<ReturnType<typeof newTrainer>>;
  let browser: WebClient;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    trainer = await newTrainer(market);
    browser = webClient(market.api);
    await browser.signIn(trainer.user.email, trainer.user.password);
  });

  afterAll(async () => {
    await market?.close();
  });

  const cohortForm = (overrides: Record<string, string | string[]> = {}) => ({
    title: '保靖黄金茶网店班',
    description: '上架、拍照、直播。',
    countyCode: BAOJING,
    format: 'mixed',
    capacity: '25',
    enrolmentOpensAt: beijingInput(-1),
    enrolmentClosesAt: beijingInput(6),
    startsAt: beijingInput(7),
    endsAt: beijingInput(30),
    minSessionsAttended: '1',
    requiredAssignments: ['store_verified', 'first_order_paid'],
    ...overrides,
  });

  it('creates a cohort through the form, adds a session, opens it, and shows it on /cohorts', async () => {
    const form = await browser.page('/trainer/cohorts/new');
    expect(form).toContain('新建班级');
    expect(form).toContain('name="_csrf"');
    expect(form).toContain('type="datetime-local"');
    // A certificate may require any built-in assignment, a livestream held included.
    expect(form).toContain('name="requiredAssignments" value="store_verified"');
    expect(form).toContain('name="requiredAssignments" value="first_livestream_held"');

    // Out of order: the mistake is told next to the field, in Chinese, with what was typed kept.
    const wrong = await browser.submit('/trainer/cohorts/new', cohortForm({ endsAt: beijingInput(3) }));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('id="endsAt-error"');
    expect(wrong.text).toContain('日期顺序不对');
    expect(wrong.text).toContain('value="保靖黄金茶网店班"');

    const created = await browser.submit('/trainer/cohorts/new', cohortForm());
    expect(created.status).toBe(303);
    const path = created.headers.location as string;
    expect(path).toMatch(/^\/trainer\/cohorts\/[0-9a-f-]{36}$/);
    const id = path.split('/').pop()!;
    const api = (await market.api.http().get(`/api/v1/trainer/cohorts/${id}`).set(trainer.auth).expect(200)).body;
    // 09:30 in Beijing is 01:30 UTC.
    expect(api).toMatchObject({ status: 'draft', format: 'mixed', capacity: 25, countyCode: BAOJING });
    expect(api.startsAt).toMatch(/T01:30:00\.000Z$/);
    expect(api.requiredAssignments).toEqual(['store_verified', 'first_order_paid']);

    const overview = await browser.page(path);
    expect(overview).toContain('aria-current="page"');
    expect(overview).toContain('保靖县');
    expect(overview).toContain('草稿');

    const outside = await browser.submit(`${path}/sessions`, {
      startsAt: beijingInput(40),
      durationMinutes: '120',
      topic: '开班：认识网店',
      kind: 'class',
      place: '保靖县电子商务服务中心',
    });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain('id="startsAt-error"');
    const added = await browser.submit(`${path}/sessions`, {
      startsAt: beijingInput(8),
      durationMinutes: '120',
      topic: '开班：认识网店',
      kind: 'class',
      place: '保靖县电子商务服务中心',
    });
    expect(added.status).toBe(303);
    expect(await browser.page(path)).toContain('开班：认识网店');

    expect((await browser.submit(`${path}/open`, {})).status).toBe(303);
    const opened = await browser.page(path);
    expect(opened).toContain('报名中');
    expect(opened).toContain('取消班级');

    const list = await webClient(market.api).page('/cohorts');
    expect(list).toContain(`href="/cohorts/${id}"`);
    expect(list).toContain('保靖黄金茶网店班');
    expect(list).toContain('剩余名额 25');
    expect(await browser.page('/trainer')).toContain(`href="/trainer/cohorts/${id}"`);
  });

  it('edits the cohort and a session, refuses what the rules refuse next to the field, and cancels with a reason', async () => {
    const { id, sessionIds } = await openCohort(market, trainer.auth, { countyCode: TIANYANG });
    const path = `/trainer/cohorts/${id}`;
    const edit = await browser.page(`${path}/edit`);
    expect(edit).toContain('value="30"');
    const tooMany = await browser.submit(`${path}/edit`, {
      ...cohortForm({ countyCode: TIANYANG, minSessionsAttended: '9' }),
      startsAt: beijingInput(7),
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.text).toContain('id="minSessionsAttended-error"');
    expect(tooMany.text).toContain('结业要求的出勤次数多于课次数');

    const session = await browser.page(`${path}/sessions/${sessionIds[0]}`);
    expect(session).toContain('value="第 1 课"');
    const moved = await browser.submit(`${path}/sessions/${sessionIds[0]}`, {
      startsAt: beijingInput(9),
      durationMinutes: '90',
      topic: '第 1 课：拍产品照',
      kind: 'class',
      place: '田阳区电子商务公共服务中心',
    });
    expect(moved.status).toBe(303);
    expect(await browser.page(path)).toContain('第 1 课：拍产品照');

    expect((await browser.submit(`${path}/sessions/${sessionIds[3]}/delete`, {})).status).toBe(303);
    const refused = await browser.submit(`${path}/sessions/${sessionIds[2]}/delete`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('结业要求的出勤次数多于课次数');

    const noReason = await browser.submit(`${path}/cancel`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="reason-error"');
    expect((await browser.submit(`${path}/cancel`, { reason: '芒果季推迟' })).status).toBe(303);
    const cancelled = await browser.page(path);
    expect(cancelled).toContain('已取消');
    expect(cancelled).toContain('芒果季推迟');
    expect(await webClient(market.api).page('/cohorts')).not.toContain(`href="/cohorts/${id}"`);
  });

  it("shows another trainer's cohort as not found and keeps non-trainers out", async () => {
    const { id } = await openCohort(market, trainer.auth);
    const other = await newTrainer(market);
    const stranger = webClient(market.api);
    await stranger.signIn(other.user.email, other.user.password);
    await stranger.page(`/trainer/cohorts/${id}`, 404);
    expect((await stranger.submit(`/trainer/cohorts/${id}/open`, {})).status).toBe(404);
    await stranger.page('/trainer/cohorts/not-a-uuid', 404);
    expect(await stranger.page('/trainer')).not.toContain(id);

    const visitor = webClient(market.api);
    const away = await visitor.agent.get('/trainer').expect(303);
    expect(away.headers.location).toContain('/login');
  });

  it('speaks English when asked', async () => {
    expect(await webClient(market.api, { 'accept-language': 'en' }).page('/cohorts')).toContain('Training cohorts');
    await browser.page('/trainer');
    expect((await browser.submit('/language', { locale: 'en', next: '/trainer' })).status).toBe(303);
    const form = await browser.page('/trainer/cohorts/new');
    expect(form).toContain('Enrolment closes');
    expect(form).toContain('All times are Beijing time.');
  });
});
