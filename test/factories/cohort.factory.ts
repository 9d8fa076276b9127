import { faker } from '@faker-js/faker';
import { TIANYANG, verifiedSeller } from './seller.factory';
import { loginUser, registerUser, RegisteredUser } from './user.factory';
import { Auth, bearer, Marketplace } from '../utils/marketplace';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A registered user granted the trainer role by the superadmin, signed in. */
export async function newTrainer(
  market: Pick<Marketplace, 'api' | 'admin'>,
): Promise<{ user: RegisteredUser; auth: Auth }> {
  const user = await registerUser(market.api);
  await market.api
    .http()
    .post(`/api/v1/admin/users/${user.id}/roles`)
    .set(market.admin)
    .send({ roles: ['trainer'] })
    .expect(201);
  return { user, auth: bearer((await loginUser(market.api, user)).accessToken) };
}

/** The body of POST /cohorts: enrolment open now for a week, four weekly classes after it. */
export function cohortBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    title: `田阳芒果电商班 ${faker.string.alphanumeric(4)}`,
    description: '直播带货、上架、发货，四次课。',
    countyCode: TIANYANG,
    format: 'in_person',
    capacity: 30,
    enrolmentOpensAt: new Date(now - HOUR).toISOString(),
    enrolmentClosesAt: new Date(now + 7 * DAY).toISOString(),
    startsAt: new Date(now + 8 * DAY).toISOString(),
    endsAt: new Date(now + 36 * DAY).toISOString(),
    minSessionsAttended: 3,
    requiredAssignments: [],
    ...overrides,
  };
}

/**
 * A cohort opened for enrolment through the API: created by `trainer`, `sessions` weekly
 * classes from its start (four unless told), then opened. Returns its id and its sessions' ids.
 */
export async function openCohort(
  market: Pick<Marketplace, 'api'>,
  trainer: Auth,
  overrides: Record<string, unknown> = {},
  sessions = 4,
): Promise<{ id: string; sessionIds: string[] }> {
  const { api } = market;
  const created = await api.http().post('/api/v1/cohorts').set(trainer).send(cohortBody(overrides)).expect(201);
  const starts = new Date(created.body.startsAt as string).getTime();
  const sessionIds: string[] = [];
  for (let i = 0; i < sessions; i++) {
    const session = await api
      .http()
      .post(`/api/v1/cohorts/${created.body.id}/sessions`)
      .set(trainer)
      .send({
        startsAt: new Date(starts + i * 7 * DAY + 2 * HOUR).toISOString(),
        durationMinutes: 120,
        topic: `第 ${i + 1} 课`,
        kind: i === sessions - 1 ? 'livestream_practice' : 'class',
        place: '田阳区电子商务公共服务中心',
      })
      .expect(201);
    sessionIds.push(session.body.id as string);
  }
  await api.http().post(`/api/v1/cohorts/${created.body.id}/open`).set(trainer).expect(201);
  return { id: created.body.id as string, sessionIds };
}

/**
 * A trainer who owns a verified store, ready to run cohorts with a seat fee: the store
 * (`feeSellerId`) collects the fees. `token` is the trainer's bare access token.
 */
export async function newFeeCollectingTrainer(
  market: Pick<Marketplace, 'api' | 'admin'>,
): Promise<{ user: RegisteredUser; auth: Auth; token: string; feeSellerId: string }> {
  const trainer = await newTrainer(market);
  const token = trainer.auth.authorization.replace(/^Bearer /, '');
  const adminToken = market.admin.authorization.replace(/^Bearer /, '');
  const feeSellerId = await verifiedSeller(market.api, token, adminToken, {
    displayName: `田阳电商培训学校 ${faker.string.alphanumeric(4)}`,
  });
  return { ...trainer, token, feeSellerId };
}

/** An open cohort whose seats cost `seatFeeFen`, collected by the trainer's store (see newFeeCollectingTrainer). */
export function openPaidCohort(
  market: Pick<Marketplace, 'api'>,
  trainer: { auth: Auth; feeSellerId: string },
  seatFeeFen: number,
  overrides: Record<string, unknown> = {},
  sessions = 4,
): Promise<{ id: string; sessionIds: string[] }> {
  return openCohort(market, trainer.auth, { seatFeeFen, feeSellerId: trainer.feeSellerId, ...overrides }, sessions);
}
