import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { bearer, Marketplace, startMarketplace } from '../utils/marketplace';
import { WebClient, webClient } from '../utils/web-client';

/** The trainee's pages at their edges: odd query values, a consent asked after leaving, another trainer's view. */
describe('the trainee’s pages at their edges', () => {
  let market: Marketplace;
  let trainer: WebClient;
  let otherTrainer: WebClient;
  let trainee: WebClient;
  let traineeId: string;
  let cohortId: string;
  let enrollmentId: string;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    const [t1, t2] = [await newTrainer(market), await newTrainer(market)];
    cohortId = (await openCohort(market, t1.auth)).id;
    trainer = webClient(market.api);
    await trainer.signIn(t1.user.email, t1.user.password);
    otherTrainer = webClient(market.api);
    await otherTrainer.signIn(t2.user.email, t2.user.password);
    const user = await registerUser(market.api);
    traineeId = user.id;
    const auth = bearer((await loginUser(market.api, user)).accessToken);
    await market.api.http().patch('/api/v1/me').set(auth).send({ displayName: '黄秀英' }).expect(200);
    enrollmentId = (await enrol(market.api, cohortId, auth)).id;
    trainee = webClient(market.api);
    await trainee.signIn(user.email, user.password);
  });

  afterAll(async () => market?.close());

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'ignores ?done=%s, a notice it does not know',
    async (done) => {
      const res = await trainee.agent.get(`/training/enrollments/${enrollmentId}?done=${done}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('class="notice"');
    },
  );

  it('names the trainee on the store application only to the trainer they consented to', async () => {
    await trainee.page(`/training/enrollments/${enrollmentId}`);
    expect((await trainee.submit(`/training/enrollments/${enrollmentId}/assistance`, {})).status).toBe(303);
    const other = await otherTrainer.agent.get(`/seller/apply?onBehalfOf=${traineeId}`);
    expect(other.status).toBe(403);
    expect(other.text).not.toContain('黄秀英');
    expect((await trainer.agent.get(`/seller/apply?onBehalfOf=${traineeId}`)).text).toContain('黄秀英');
    for (const query of ['onBehalfOf=abc', 'onBehalfOf[]=x', 'onBehalfOf=a&onBehalfOf=b']) {
      expect((await trainer.agent.get(`/seller/apply?${query}`)).status).toBeLessThan(500);
    }
  });

  it('refuses a consent asked by a trainee who has left the cohort', async () => {
    await trainee.page(`/training/enrollments/${enrollmentId}`);
    expect((await trainee.submit(`/training/enrollments/${enrollmentId}/assistance/withdraw`, {})).status).toBe(303);
    await trainee.page(`/training/enrollments/${enrollmentId}`);
    const left = await trainee.submit(`/training/enrollments/${enrollmentId}/withdraw`, { confirm: 'yes' });
    expect(left.status).toBe(303);
    await trainee.page(`/training/enrollments/${enrollmentId}`);
    const asked = await trainee.submit(`/training/enrollments/${enrollmentId}/assistance`, {});
    expect(asked.status).toBe(409);
    expect(asked.text).toContain('您已不在本班的名额中');
  });
});
