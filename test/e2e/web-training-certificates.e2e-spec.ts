import QRCode from 'qrcode';
import { builtinDone, enrollmentStatus, mark, newTrainee, startCohort } from '../factories/certificate.factory';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { verifiedSeller } from '../factories/seller.factory';
import { expectAccessible, launchBrowser, phoneContext } from '../utils/browser';
import { MarketplaceWithWorker, startMarketplace } from '../utils/marketplace';
import { webClient, WebClient } from '../utils/web-client';

const DAY = 24 * 3600_000;

describe('the certificate pages: finishing, the printable certificate, public verification', () => {
  let market: MarketplaceWithWorker;

  beforeAll(async () => {
    // The worker delivers the store's verification, which completes store_verified. Its timers
    // sweep once at boot, then not for a day: a cohort whose start has passed stays open for
    // enrolment until its trainer starts it.
    market = await startMarketplace({ TRAINING_TIMER_SWEEP_SECONDS: String(24 * 3600) });
  });

  afterAll(async () => {
    await market?.close();
  });

  /** What the browser check opens: set by the first test. */
  const seen: Array<{ login: { email: string; password: string }; pages: string[] }> = [];

  const signedIn = async (user: { email: string; password: string }, headers: Record<string, string> = {}) => {
    const client = webClient(market.api, headers);
    await client.signIn(user.email, user.password);
    return client;
  };

  it('finishes a cohort from its page, prints the certificate with its QR, verifies it, then revokes it', async () => {
    const trainer = await newTrainer(market);
    // Began four weeks ago and still open for enrolment: its four weekly classes have all been held.
    const cohort = await openCohort(market, trainer.auth, {
      startsAt: new Date(Date.now() - 29 * DAY).toISOString(),
      requiredAssignments: ['store_verified'],
    });
    const s = cohort.sessionIds;
    const graduate = await newTrainee(market, '韦小芳');
    const graduateEnrollment = (await enrol(market.api, cohort.id, graduate.auth)).id;
    const short = await newTrainee(market, '李明');
    const shortEnrollment = (await enrol(market.api, cohort.id, short.auth)).id;
    await startCohort(market.api, trainer.auth, cohort.id);
    await mark(market.api, trainer.auth, cohort.id, graduateEnrollment, s, ['present', 'present', 'late', null]);
    // The graduate's store is verified by an admin: store_verified completes itself.
    await verifiedSeller(market.api, graduate.auth.authorization.slice(7), market.admin.authorization.slice(7));
    await builtinDone(market.api, graduate.auth, graduateEnrollment, 'store_verified');
    await mark(market.api, trainer.auth, cohort.id, shortEnrollment, s, ['late', 'absent', 'present', 'excused']);

    // The trainer sees who completes and what the other one lacks, before confirming.
    const page = `/trainer/cohorts/${cohort.id}/finish`;
    const web = await signedIn(trainer.user);
    const preview = await web.page(page);
    expect(preview).toContain('aria-current="page"');
    expect(preview).toContain('韦小芳');
    expect(preview).toContain('将获证书');
    expect(preview).toContain('出勤 2 次，少于要求的 3 次');
    expect(preview).toContain('未完成：店铺通过审核');
    expect(preview).toContain(`action="${page}"`);

    // Another trainer gets the not-found page, and cannot finish it either.
    const stranger = await signedIn((await newTrainer(market)).user);
    await stranger.page(page, 404);
    expect((await stranger.submit(page, {})).status).toBe(404);

    const finished = await web.submit(page, {});
    expect(finished.status).toBe(303);
    expect(finished.headers.location).toBe(`${page}?done=finished`);
    const after = await web.page(`${page}?done=finished`);
    expect(after).toContain('班级已结业：符合结业条件的学员都已获得证书。');
    expect(await enrollmentStatus(market.api, trainer.auth, cohort.id, shortEnrollment)).toBe('not_completed');
    const [certificate] = (
      await market.api.http().get(`/api/v1/cohorts/${cohort.id}/certificates`).set(trainer.auth).expect(200)
    ).body.items as Array<{ id: string; code: string; codeGrouped: string }>;
    expect(after).toContain(certificate.codeGrouped);
    expect(after).toContain(`action="/trainer/cohorts/${cohort.id}/certificates/${certificate.id}/revoke"`);
    // Finishing again from a stale page is refused on the page.
    const twice = await web.submit(page, {});
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('这个班现在不能结业');

    // The graduate's printable certificate: the name, the grouped code, and a QR of the verification address.
    const holder = await signedIn(graduate.user);
    const printable = await holder.page(`/training/enrollments/${graduateEnrollment}/certificate`);
    expect(printable).toContain('韦小芳');
    expect(printable).toContain(certificate.codeGrouped);
    const verifyUrl = new RegExp(`http://[^<"\\s]+/certificates/verify/${certificate.code}`).exec(printable)?.[0];
    expect(verifyUrl).toBeDefined();
    expect(printable).toContain('<svg');
    const qr = await QRCode.toString(verifyUrl!, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    expect(printable).toContain(qr);
    // Nobody else's, and no certificate for the one who fell short.
    const other = await signedIn(short.user);
    await other.page(`/training/enrollments/${graduateEnrollment}/certificate`, 404);
    await other.page(`/training/enrollments/${shortEnrollment}/certificate`, 404);

    seen.push(
      { login: trainer.user, pages: [page, `/certificates/verify/${certificate.code}`, '/certificates/verify'] },
      { login: graduate.user, pages: [`/training/enrollments/${graduateEnrollment}/certificate`] },
    );

    // Anyone verifies it without an account; the name is masked.
    const visitor = webClient(market.api);
    const valid = await visitor.page(`/certificates/verify/${certificate.code}`);
    expect(valid).toContain('证书有效');
    expect(valid).toContain('韦**');
    expect(valid).not.toContain('韦小芳');
    const typed = await visitor.agent.get(`/certificates/verify?code=${certificate.codeGrouped.toLowerCase()}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/certificates/verify/${certificate.code}`);

    // A revoke form needs a reason, shown next to its field; then the certificate is revoked.
    const revoke = `/trainer/cohorts/${cohort.id}/certificates/${certificate.id}/revoke`;
    const blank = await web.submit(revoke, { reason: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain(`id="reason-${certificate.id}-error"`);
    expect((await stranger.submit(revoke, { reason: '无' })).status).toBe(404);
    const revoked = await web.submit(revoke, { reason: '考勤记录有误' });
    expect(revoked.status).toBe(303);
    expect(await web.page(`${page}?done=revoked`)).toContain('考勤记录有误');

    const revokedPage = await visitor.page(`/certificates/verify/${certificate.code}`);
    expect(revokedPage).toContain('证书已撤销');
    expect(revokedPage).toContain('考勤记录有误');
    const english = webClient(market.api, { 'accept-language': 'en' });
    const revokedEn = await english.page(`/certificates/verify/${certificate.code}`);
    expect(revokedEn).toContain('This certificate was revoked');
    expect(revokedEn).toContain('考勤记录有误');
    expect(await holder.page(`/training/enrollments/${graduateEnrollment}/certificate`)).toContain('这张证书已被撤销');
  });

  it('offers a code form, and says plainly when a code is malformed or unknown', async () => {
    const visitor: WebClient = webClient(market.api);
    const form = await visitor.page('/certificates/verify');
    expect(form).toContain('<label for="verify-code">');
    const malformed = await visitor.agent.get('/certificates/verify?code=abc');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('这不是有效的验证码格式');
    const unknown = await visitor.page(`/certificates/verify/${'0'.repeat(26)}`, 404);
    expect(unknown).toContain('没有找到这个验证码对应的证书。');
    expect(
      await webClient(market.api, { 'accept-language': 'en' }).page('/certificates/verify/nonsense', 404),
    ).toContain('No certificate has this code.');
  });

  it('has pages axe-core finds no serious or critical issue on, on a phone', async () => {
    expect(seen).toHaveLength(2);
    const browser = await launchBrowser();
    try {
      for (const { login, pages } of seen) {
        const context = await phoneContext(browser, await market.api.url());
        const tab = await context.newPage();
        await tab.goto('/login');
        await tab.fill('#login-account', login.email);
        await tab.fill('#login-password', login.password);
        await Promise.all([
          tab.waitForURL((url) => !url.pathname.startsWith('/login')),
          tab.click('button[type=submit]'),
        ]);
        for (const path of pages) {
          await tab.goto(path);
          await expectAccessible(tab);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
