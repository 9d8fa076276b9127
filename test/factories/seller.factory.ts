import { faker } from '@faker-js/faker';
import { TestApi } from '../utils/test-api';

export const TIANYANG = '451003';
export const BAOJING = '433125';
export const FENGHUANG = '433123';

export function sellerApplication(overrides: Record<string, unknown> = {}) {
  return {
    displayName: `${faker.location.city()}芒果合作社`,
    kind: 'cooperative',
    originCountyCode: TIANYANG,
    originPlace: '百育镇四那村',
    contactPhone: '13907760001',
    description: '桂七芒果，树上自然熟。',
    ...overrides,
  };
}

/** Applies for a store as `token` and has `adminToken` verify it; returns the store id. */
export async function verifiedSeller(
  api: TestApi,
  token: string,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const applied = await api
    .http()
    .post('/api/v1/sellers')
    .set('authorization', `Bearer ${token}`)
    .send(sellerApplication(overrides))
    .expect(201);
  await api
    .http()
    .post(`/api/v1/admin/sellers/${applied.body.id}/approve`)
    .set('authorization', `Bearer ${adminToken}`)
    .expect(201);
  return applied.body.id as string;
}
