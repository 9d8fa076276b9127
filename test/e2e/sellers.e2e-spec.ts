import { sellerApplication, TIANYANG } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('regions and sellers over HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  let adminAuth: { authorization: string };
  const admin = { email: 'root@furrow.test', password: 'root-password-123' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, { SUPERADMIN_EMAIL: admin.email, SUPERADMIN_PASSWORD: admin.password });
    api = await startTestApi();
    adminAuth = bearer((await loginUser(api, admin)).accessToken);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('lists regions by parent, down to Tianyang and Baojing', async () => {
    const provinces = await api.http().get('/api/v1/regions').expect(200);
    expect(provinces.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '450000', name: '广西壮族自治区', level: 'province' })]),
    );
    const baise = await api.http().get('/api/v1/regions?parent=451000').expect(200);
    expect(baise.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: TIANYANG, name: '田阳区', pinyin: 'tianyangqu' })]),
    );
    const xiangxi = await api.http().get('/api/v1/regions?parent=433100').expect(200);
    expect(xiangxi.body.items.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['保靖县', '凤凰县']),
    );
    await api.http().get('/api/v1/regions?parent=999999').expect(404);
    await api.http().get('/api/v1/regions?parent=45').expect(400);
  });

  it('takes a farmer from application to a verified, public store', async () => {
    const farmer = await registerUser(api);
    const auth = bearer((await loginUser(api, farmer)).accessToken);

    const bad = await api
      .http()
      .post('/api/v1/sellers')
      .set(auth)
      .send(sellerApplication({ originCountyCode: '451000' }));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('NOT_A_COUNTY');

    const applied = await api.http().post('/api/v1/sellers').set(auth).send(sellerApplication()).expect(201);
    expect(applied.body).toMatchObject({ status: 'pending_review', contactPhone: '+8613907760001' });
    await api.http().get(`/api/v1/sellers/${applied.body.id}`).expect(404);

    const rejected = await api
      .http()
      .post(`/api/v1/admin/sellers/${applied.body.id}/reject`)
      .set(adminAuth)
      .send({ reason: '请补充营业执照照片' })
      .expect(201);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '请补充营业执照照片' });
    await api.http().post(`/api/v1/admin/sellers/${applied.body.id}/approve`).set(adminAuth).expect(409);

    await api.http().post(`/api/v1/seller/stores/${applied.body.id}/resubmit`).set(auth).expect(201);
    await api.http().post(`/api/v1/admin/sellers/${applied.body.id}/approve`).set(adminAuth).expect(201);
    const me = await api.http().get('/api/v1/me').set(auth).expect(200);
    expect(me.body.roles).toContain('seller');

    const pub = await api.http().get(`/api/v1/sellers/${applied.body.id}`).expect(200);
    expect(pub.body).toMatchObject({ originCountyCode: TIANYANG, kind: 'cooperative', photos: [] });
    expect(pub.body.contactPhone).toBeUndefined();
    expect(pub.body.householdFlags).toBeUndefined();

    await api
      .http()
      .post(`/api/v1/admin/sellers/${applied.body.id}/suspend`)
      .set(adminAuth)
      .send({ reason: '食品安全抽检' })
      .expect(201);
    await api.http().get(`/api/v1/sellers/${applied.body.id}`).expect(404);
    await api.http().post(`/api/v1/admin/sellers/${applied.body.id}/reinstate`).set(adminAuth).expect(201);

    const detail = await api.http().get(`/api/v1/admin/sellers/${applied.body.id}`).set(adminAuth).expect(200);
    expect(detail.body.history.map((h: { to: string }) => h.to)).toEqual([
      'pending_review',
      'rejected',
      'pending_review',
      'verified',
      'suspended',
      'verified',
    ]);
  });

  it('keeps household flags admin-only, with evidence', async () => {
    const farmer = await registerUser(api);
    const auth = bearer((await loginUser(api, farmer)).accessToken);
    const store = await api.http().post('/api/v1/sellers').set(auth).send(sellerApplication()).expect(201);

    await api
      .http()
      .put(`/api/v1/admin/sellers/${store.body.id}/household-flags`)
      .set(auth)
      .send({ flags: ['poverty_alleviated'], evidenceNote: 'x' })
      .expect(403);
    await api
      .http()
      .patch(`/api/v1/seller/stores/${store.body.id}`)
      .set(auth)
      .send({ householdFlags: ['monitored'] })
      .expect(400);
    await api
      .http()
      .put(`/api/v1/admin/sellers/${store.body.id}/household-flags`)
      .set(adminAuth)
      .send({ flags: ['poverty_alleviated'] })
      .expect(400);
    const flagged = await api
      .http()
      .put(`/api/v1/admin/sellers/${store.body.id}/household-flags`)
      .set(adminAuth)
      .send({ flags: ['poverty_alleviated'], evidenceNote: '县乡村振兴局2024年脱贫户名单第12页' })
      .expect(200);
    expect(flagged.body.householdFlags).toEqual(['poverty_alleviated']);
    const own = await api.http().get(`/api/v1/seller/stores/${store.body.id}`).set(auth).expect(200);
    expect(own.body.householdFlags).toBeUndefined();
  });

  it("answers 404 for another seller's store", async () => {
    const a = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const b = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const store = await api.http().post('/api/v1/sellers').set(a).send(sellerApplication()).expect(201);
    const res = await api.http().get(`/api/v1/seller/stores/${store.body.id}`).set(b).expect(404);
    expect(res.body.code).toBe('SELLER_NOT_FOUND');
    await api
      .http()
      .patch(`/api/v1/seller/stores/${store.body.id}`)
      .set(b)
      .send({ description: 'mine now' })
      .expect(404);
    const list = await api.http().get('/api/v1/seller/stores').set(b).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('lets a trainer open and run a store for a trainee who consented, with every action audited', async () => {
    const trainerUser = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/admin/users/${trainerUser.id}/roles`)
      .set(adminAuth)
      .send({ roles: ['trainer'] })
      .expect(201);
    const trainer = bearer((await loginUser(api, trainerUser)).accessToken);
    const traineeUser = await registerUser(api);
    const trainee = bearer((await loginUser(api, traineeUser)).accessToken);
    const application = sellerApplication({ onBehalfOf: traineeUser.id, displayName: '龙大姐黄金茶' });

    const refused = await api.http().post('/api/v1/sellers').set(trainer).send(application);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ASSISTANCE_CONSENT_REQUIRED');

    const consent = await api
      .http()
      .post('/api/v1/me/assistance-consents')
      .set(trainee)
      .send({ trainerId: trainerUser.id })
      .expect(201);
    expect(consent.body.statement).toContain('我同意');
    const store = await api.http().post('/api/v1/sellers').set(trainer).send(application).expect(201);
    expect(store.body.ownerId).toBe(traineeUser.id);
    await api
      .http()
      .patch(`/api/v1/seller/stores/${store.body.id}`)
      .set(trainer)
      .send({ description: '明前茶' })
      .expect(200);
    const traineeView = await api.http().get(`/api/v1/seller/stores/${store.body.id}`).set(trainee).expect(200);
    expect(traineeView.body.description).toBe('明前茶');

    const detail = await api.http().get(`/api/v1/admin/sellers/${store.body.id}`).set(adminAuth).expect(200);
    expect(detail.body.assistedActions).toEqual([
      expect.objectContaining({ actorId: trainerUser.id, onBehalfOfId: traineeUser.id, action: 'seller.created' }),
      expect.objectContaining({ actorId: trainerUser.id, onBehalfOfId: traineeUser.id, action: 'seller.updated' }),
    ]);

    await api.http().delete(`/api/v1/me/assistance-consents/${trainerUser.id}`).set(trainee).expect(204);
    await api.http().get(`/api/v1/seller/stores/${store.body.id}`).set(trainer).expect(404);
  });

  it('lets the owner add and remove staff, who help run the store but not its staff', async () => {
    const ownerUser = await registerUser(api);
    const owner = bearer((await loginUser(api, ownerUser)).accessToken);
    const helperUser = await registerUser(api);
    const helper = bearer((await loginUser(api, helperUser)).accessToken);
    const store = await api.http().post('/api/v1/sellers').set(owner).send(sellerApplication()).expect(201);
    const staffUrl = `/api/v1/seller/stores/${store.body.id}/staff`;

    await api.http().post(staffUrl).set(owner).send({ email: 'nobody@furrow.test' }).expect(404);
    const added = await api.http().post(staffUrl).set(owner).send({ email: helperUser.email }).expect(201);
    expect(added.body.items).toEqual([
      expect.objectContaining({ userId: ownerUser.id, role: 'owner' }),
      expect.objectContaining({ userId: helperUser.id, role: 'staff' }),
    ]);
    await api.http().post(staffUrl).set(owner).send({ email: helperUser.email }).expect(409);

    await api
      .http()
      .patch(`/api/v1/seller/stores/${store.body.id}`)
      .set(helper)
      .send({ description: '帮忙更新' })
      .expect(200);
    const third = await registerUser(api);
    const refused = await api.http().post(staffUrl).set(helper).send({ email: third.email });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('STORE_OWNER_ONLY');

    await api.http().delete(`${staffUrl}/${helperUser.id}`).set(owner).expect(200);
    await api.http().get(`/api/v1/seller/stores/${store.body.id}`).set(helper).expect(404);
    await api.http().delete(`${staffUrl}/${ownerUser.id}`).set(owner).expect(404);
  });
});
