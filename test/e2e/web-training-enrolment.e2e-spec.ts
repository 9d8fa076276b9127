import { newTrainer, openCohort } from '../factories/cohort.factory';
import { trainees } from '../factories/trainee.factory';
import { loginUser, registerUser, RegisteredUser } from '../factories/user.factory';
import { Auth, bearer, Marketplace, startMarketplace } from '../utils/marketplace';
import { WebClient, webClient } from '../utils/web-client';

const HOUR = 3600_000;

describe('the enrolment pages: the public cohort page, my training, the trainer’s roster and attendance sheet', () => {
  let market: Marketplace;
  let trainer: Awaited<ReturnType<typeof newTrainer>>;
  let trainerWeb: WebClient;
  let cohortId: string;
  let sessionIds: string[];
  /** The one who took the only seat. */
  let seatedWeb: WebClient;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    trainer = await newTrainer(market);
    // One seat; the first class started an hour ago, so its attendance can be taken.
    ({ id: cohortId, sessionIds } = await openCohort(market, trainer.auth, {
      capacity: 1,
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    }));
    trainerWeb = webClient(market.api);
    await trainerWeb.signIn(trainer.user.email, trainer.user.password);
  });

  afterAll(async () => {
    await market?.close();
  });

  async function trainee(): Promise<{ user: RegisteredUser; auth: Auth; web: WebClient }> {
    const user = await registerUser(market.api);
    const auth = bearer((await loginUser(market.api, user)).accessToken);
    const web = webClient(market.api);
    await web.signIn(user.email, user.password);
    return { user, auth, web };
  }
  const myEnrollmentId = async (auth: Auth) =>
    (await market.api.http().get('/api/v1/me/enrollments').set(auth).expect(200)).body.items[0].id as string;

  it('enrols from the public page, queues the next person, and sends a stranger to sign in first', async () => {
    const a = await trainee();
    seatedWeb = a.web;
    const page = await a.web.page(`/cohorts/${cohortId}`);
    expect(page).toContain('田阳芒果电商班');
    expect(page).toContain('第 1 课');
    expect(page).toContain('共 1 个名额，剩余 1 个');
    expect(page).toContain(`action="/cohorts/${cohortId}/enrol"`);
    const enrolled = await a.web.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(enrolled.status).toBe(303);
    expect(enrolled.headers.location).toBe(`/cohorts/${cohortId}?done=enrolled`);
    const after = await a.web.page(enrolled.headers.location);
    expect(after).toContain('报名成功');
    expect(after).toContain('您已报名本班');
    expect(after).not.toContain(`action="/cohorts/${cohortId}/enrol"`);
    // Twice is refused on the page, in Chinese.
    const again = await a.web.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('已经报名或在候补名单中');

    const b = await trainee();
    expect(await b.web.page(`/cohorts/${cohortId}`)).toContain('加入候补');
    const queued = await b.web.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(queued.headers.location).toBe(`/cohorts/${cohortId}?done=waitlisted`);
    expect(await b.web.page(queued.headers.location)).toContain('您在候补名单第 1 位');
    const list = await b.web.page('/training');
    expect(list).toContain('候补第 1 位');
    expect(list).toContain('下次课');

    const stranger = webClient(market.api);
    await stranger.page(`/cohorts/${cohortId}`);
    const sent = await stranger.submit(`/cohorts/${cohortId}/enrol`, {});
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/login?next=${encodeURIComponent(`/cohorts/${cohortId}`)}`);
  });

  it('lets a waitlisted trainee withdraw after confirming, from their schedule', async () => {
    const c = await trainee();
    await c.web.page(`/cohorts/${cohortId}`);
    await c.web.submit(`/cohorts/${cohortId}/enrol`, {});
    const id = await myEnrollmentId(c.auth);
    const schedule = await c.web.page(`/training/enrollments/${id}`);
    expect(schedule).toContain('候补第 2 位');
    expect(schedule).toContain('第 4 课');

    const unconfirmed = await c.web.submit(`/training/enrollments/${id}/withdraw`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('请勾选确认后再退出');
    const done = await c.web.submit(`/training/enrollments/${id}/withdraw`, { confirm: 'yes' });
    expect(done.status).toBe(303);
    const gone = await c.web.page(done.headers.location);
    expect(gone).toContain('您已退出本班');
    expect(gone).not.toContain(`/training/enrollments/${id}/withdraw`);
    // Someone else's schedule is not found.
    const other = await trainee();
    await other.web.page(`/training/enrollments/${id}`, 404);
  });

  it('shows the trainer the roster, enrols by phone, and refuses a number that is none', async () => {
    const roster = await trainerWeb.page(`/trainer/cohorts/${cohortId}/enrollments`);
    expect(roster).toContain('已报名 1 / 1，候补 1 人');
    expect(roster).toContain('aria-current="page"');
    const bad = await trainerWeb.submit(`/trainer/cohorts/${cohortId}/enrollments`, { phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="phone-error"');
    const added = await trainerWeb.submit(`/trainer/cohorts/${cohortId}/enrollments`, {
      phone: '139 0000 0077',
      displayName: '韦阿姨',
    });
    expect(added.status).toBe(303);
    const after = await trainerWeb.page(added.headers.location);
    expect(after).toContain('已为学员报名');
    expect(after).toContain('韦阿姨');
    expect(after).toContain('139****0077');
    expect(after).not.toContain('13900000077');
    expect(after).toContain('第 2 位');

    const other = await newTrainer(market);
    const otherWeb = webClient(market.api);
    await otherWeb.signIn(other.user.email, other.user.password);
    await otherWeb.page(`/trainer/cohorts/${cohortId}/enrollments`, 404);
    await otherWeb.page(`/trainer/cohorts/${cohortId}/sessions/${sessionIds[0]}/attendance`, 404);
  });

  it('saves the attendance sheet without JavaScript; the trainee sees the mark on their schedule', async () => {
    const sessions = await trainerWeb.page(`/trainer/cohorts/${cohortId}/attendance`);
    expect(sessions).toContain(`/trainer/cohorts/${cohortId}/sessions/${sessionIds[0]}/attendance`);
    expect(sessions).toContain('未开始');

    const sheetPath = `/trainer/cohorts/${cohortId}/sessions/${sessionIds[0]}/attendance`;
    const sheet = await trainerWeb.page(sheetPath);
    const seated = /name="mark\.([0-9a-f-]{36})"/.exec(sheet)![1];
    expect(sheet).toContain('<legend>');
    for (const mark of ['present', 'late', 'excused', 'absent']) {
      expect(sheet).toContain(`id="mark-${seated}-${mark}" name="mark.${seated}" value="${mark}"`);
    }
    const nothing = await trainerWeb.submit(sheetPath, {});
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain('请至少为一位学员选择出勤情况');

    const saved = await trainerWeb.submit(sheetPath, { [`mark.${seated}`]: 'late' });
    expect(saved.status).toBe(303);
    const again = await trainerWeb.page(saved.headers.location);
    expect(again).toContain('考勤已保存');
    expect(again).toContain(`value="late" checked`);
    expect(again).toContain('累计出席 1 次');

    // A session still ahead: the sheet is shown but not saved.
    const early = `/trainer/cohorts/${cohortId}/sessions/${sessionIds[1]}/attendance`;
    expect(await trainerWeb.page(early)).toContain('考勤不能修改');
    const refused = await trainerWeb.submit(early, { [`mark.${seated}`]: 'present' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('这次课还没开始');

    // The seated trainee's schedule shows "late" on the first class and counts it as attended.
    const schedule = await seatedWeb.page(`/training/enrollments/${seated}`);
    expect(schedule).toContain('迟到');
    expect(schedule).toContain('已出席 1 次');
    expect(schedule).toContain('未记录');
  });

  it('keeps what the trainer ticked when a save is refused: one ticked trainee withdrew before Save', async () => {
    const {
      id,
      sessionIds: [first],
    } = await openCohort(market, trainer.auth, {
      capacity: 3,
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    });
    const people = await trainees(market, 3);
    const ids: string[] = [];
    for (const t of people) {
      ids.push((await market.api.http().post(`/api/v1/cohorts/${id}/enrollments`).set(t.auth).expect(201)).body.id);
    }
    const [a, b, c] = ids;
    const sheetPath = `/trainer/cohorts/${id}/sessions/${first}/attendance`;
    const sheet = await trainerWeb.page(sheetPath);
    for (const e of ids) expect(sheet).toContain(`name="mark.${e}"`);

    // While the trainer ticks the sheet, c leaves the cohort; the save names c and is refused whole.
    await market.api.http().post(`/api/v1/enrollments/${c}/withdraw`).set(people[2].auth).send({}).expect(201);
    const refused = await trainerWeb.submit(sheetPath, {
      [`mark.${a}`]: 'present',
      [`mark.${b}`]: 'late',
      [`mark.${c}`]: 'absent',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('有学员不在本班已报名名单中');
    expect(refused.text).toContain(`name="mark.${a}" value="present" checked`);
    expect(refused.text).toContain(`name="mark.${b}" value="late" checked`);
    expect(refused.text.match(/ checked>/g)).toHaveLength(2);
    expect(refused.text).not.toContain(`name="mark.${c}"`);
    // Nothing of the refused save was kept.
    const kept = await market.api
      .http()
      .get(`/api/v1/cohorts/${id}/sessions/${first}/attendance`)
      .set(trainer.auth)
      .expect(200);
    expect(kept.body.items.map((i: { mark: string | null }) => i.mark)).toEqual([null, null]);

    // A mark that is none is refused before saving, and what was ticked stays ticked too.
    const invalid = await trainerWeb.submit(sheetPath, { [`mark.${a}`]: 'present', [`mark.${b}`]: 'asleep' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain(`name="mark.${a}" value="present" checked`);

    // Saved again as shown, it is kept.
    const saved = await trainerWeb.submit(sheetPath, { [`mark.${a}`]: 'present', [`mark.${b}`]: 'late' });
    expect(saved.status).toBe(303);
    const after = await trainerWeb.page(saved.headers.location);
    expect(after).toContain(`name="mark.${a}" value="present" checked`);
    expect(after).toContain(`name="mark.${b}" value="late" checked`);
  });
});
