import { faker } from '@faker-js/faker';
import { TestApi } from '../utils/test-api';

export interface RegisteredUser {
  id: string;
  email: string;
  password: string;
}

/** Registers a buyer through the API. */
export async function registerUser(api: TestApi, overrides: Partial<{ email: string; password: string }> = {}) {
  const email = overrides.email ?? faker.internet.email().toLowerCase();
  const password = overrides.password ?? faker.internet.password({ length: 14 });
  const res = await api.http().post('/api/v1/auth/register').send({ email, password }).expect(201);
  return { id: res.body.id as string, email, password } satisfies RegisteredUser;
}

export async function loginUser(api: TestApi, user: { email: string; password: string }) {
  const res = await api
    .http()
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  return res.body as { accessToken: string; refreshToken: string };
}
