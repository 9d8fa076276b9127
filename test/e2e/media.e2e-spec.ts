import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { mangoProduct } from '../factories/product.factory';
import { verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startFakeS3 } from '../utils/fake-s3';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/** A 1600×900 JPEG whose EXIF says "rotate 90°", with a camera model in its metadata. */
const phonePhoto = () =>
  sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 250, g: 190, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Model: 'Farmer Phone X' } } })
    .toBuffer();

describe('images', () => {
  let db: TestDatabase;
  let api: TestApi;
  const root = { email: 'root@furrow.test', password: 'root-password-123' };

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, {
      SUPERADMIN_EMAIL: root.email,
      SUPERADMIN_PASSWORD: root.password,
      MEDIA_LOCAL_DIR: `var/test-media-${db.name}`,
      MEDIA_MAX_UPLOAD_BYTES: String(200 * 1024),
    });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await rm(`var/test-media-${db.name}`, { recursive: true, force: true });
  });

  it('re-encodes an upload: orientation applied, metadata gone, WebP in a few widths', async () => {
    const user = await loginUser(api, await registerUser(api));
    const res = await api
      .http()
      .post('/api/v1/media/images')
      .set('authorization', `Bearer ${user.accessToken}`)
      .attach('file', await phonePhoto(), 'IMG_0001.jpg')
      .expect(201);
    expect(res.body).toMatchObject({ width: 900, height: 1600 });
    expect(Object.keys(res.body.urls)).toEqual(['320', '640']);

    const file = await api
      .http()
      .get(res.body.urls['640'])
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('image/webp');
    const meta = await sharp(file.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 640 });
    expect(meta.height).toBeGreaterThan(640);
    expect(meta.exif).toBeUndefined();
  });

  it('refuses what is not an image, whatever its name says, and what is too large', async () => {
    const user = await loginUser(api, await registerUser(api));
    const auth = { authorization: `Bearer ${user.accessToken}` };
    const fake = await api.http().post('/api/v1/media/images').set(auth).attach('file', Buffer.from('<?php echo 1;'), {
      filename: 'mango.jpg',
      contentType: 'image/jpeg',
    });
    expect(fake.status).toBe(422);
    expect(fake.body.code).toBe('UNSUPPORTED_IMAGE');

    const noisy = await sharp({
      create: {
        width: 2000,
        height: 2000,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    const big = await api.http().post('/api/v1/media/images').set(auth).attach('file', noisy, 'big.png');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');

    const none = await api.http().post('/api/v1/media/images').set(auth).field('x', '1');
    expect(none.status).toBe(400);
    await api
      .http()
      .post('/api/v1/media/images')
      .attach('file', await phonePhoto(), 'a.jpg')
      .expect(401);
  });

  it("shows a product's photos, and refuses someone else's", async () => {
    const admin = await loginUser(api, root);
    const farmer = await loginUser(api, await registerUser(api));
    const stranger = await loginUser(api, await registerUser(api));
    const store = await verifiedSeller(api, farmer.accessToken, admin.accessToken);
    const upload = async (token: string) =>
      api
        .http()
        .post('/api/v1/media/images')
        .set('authorization', `Bearer ${token}`)
        .attach('file', await phonePhoto(), 'p.jpg')
        .expect(201);
    const mine = (await upload(farmer.accessToken)).body.id as string;
    const theirs = (await upload(stranger.accessToken)).body.id as string;

    const product = mangoProduct();
    const stolen = await api
      .http()
      .post(`/api/v1/seller/stores/${store}/products`)
      .set('authorization', `Bearer ${farmer.accessToken}`)
      .send({ ...product, content: { ...product.content, imageIds: [theirs] } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('IMAGE_NOT_FOUND');

    const created = await api
      .http()
      .post(`/api/v1/seller/stores/${store}/products`)
      .set('authorization', `Bearer ${farmer.accessToken}`)
      .send({ ...product, content: { ...product.content, imageIds: [mine] } })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/products/${created.body.id}/submit`)
      .set('authorization', `Bearer ${farmer.accessToken}`)
      .expect(201);
    await api
      .http()
      .post(`/api/v1/admin/products/${created.body.id}/approve`)
      .set('authorization', `Bearer ${admin.accessToken}`)
      .expect(201);
    const detail = await api.http().get(`/api/v1/products/${created.body.id}`).expect(200);
    expect(detail.body.images).toEqual([expect.objectContaining({ id: mine })]);
    expect(detail.body.coverImageUrl).toBe(`/api/v1/media/images/${mine}/320.webp`);
  });
});

describe('images on an S3-compatible store', () => {
  let db: TestDatabase;
  let api: TestApi;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;

  beforeAll(async () => {
    s3 = await startFakeS3();
    db = await createTestDatabase();
    useTestEnvironment(db, {
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: s3.url,
      S3_BUCKET: 'furrow-media',
      S3_ACCESS_KEY_ID: 'minioadmin',
      S3_SECRET_ACCESS_KEY: 'minioadmin',
    });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await s3?.close();
  });

  it('stores every rendition in the bucket and serves it back', async () => {
    const user = await loginUser(api, await registerUser(api));
    const res = await api
      .http()
      .post('/api/v1/media/images')
      .set('authorization', `Bearer ${user.accessToken}`)
      .attach('file', await phonePhoto(), 'a.jpg')
      .expect(201);
    expect([...s3.objects.keys()].sort()).toEqual([
      `/furrow-media/images/${res.body.id}/320.webp`,
      `/furrow-media/images/${res.body.id}/640.webp`,
    ]);
    const file = await api.http().get(res.body.urls['320']).expect(200);
    expect(file.headers['content-type']).toBe('image/webp');
    await api.http().get(`/api/v1/media/images/${res.body.id}/1280.webp`).expect(404);
  });
});
