import { randomBytes } from 'node:crypto';

export function mangoProduct(overrides: { title?: string; description?: string } = {}) {
  return {
    content: {
      kind: 'produce',
      title: overrides.title ?? '田阳桂七芒果 特级 5斤装',
      description: overrides.description ?? '树上自然熟，顺丰冷链次日达。',
      traceability: {
        originVillage: '百育镇四那村',
        certificates: [{ type: 'compliance_certificate', number: 'HG-451003-2026-0088' }],
      },
      attributes: {
        variety: '桂七',
        grade: '特级',
        fruitSizeGrams: { from: 250, to: 350 },
        harvestWindow: { from: '2026-07-01', to: '2026-08-31' },
        shipsWithinHours: 48,
        storageClass: 'ambient',
        preSale: null,
      },
    },
    variants: [
      {
        name: '5斤装',
        saleUnit: 'box',
        netWeightGrams: 2500,
        priceFen: 5990,
        stock: 200,
        sku: `TY-G7-${randomBytes(3).toString('hex')}`,
      },
      {
        name: '10斤装',
        saleUnit: 'box',
        netWeightGrams: 5000,
        priceFen: 9990,
        stock: 80,
        maxPerOrder: 10,
        priceTiers: [{ minQuantity: 5, priceFen: 9490 }],
      },
    ],
  };
}

export function cattleAdoption(description = '认养一头湘西黄牛，牧场每月上传视频，36个月后检疫合格按市场价加价回购。') {
  return {
    content: {
      kind: 'adoption',
      title: '凤凰湘西黄牛认养计划',
      description,
      traceability: { originVillage: '阿拉营镇', certificates: [] },
      attributes: {
        species: 'cattle',
        breed: '湘西黄牛',
        termMonths: 36,
        evidenceIntervalDays: 30,
        atTermEnd: { type: 'buy_back', premiumBasisPoints: 800, floorPricePerKgFen: 3600 },
        insurance: { insurer: '中华联合财险', policyNote: '能繁母牛及育肥牛保险，死亡按保额赔付' },
        maxPerAdopter: 5,
      },
    },
    variants: [{ name: '认养一头', saleUnit: 'head', priceFen: 1_200_000, stock: 30, maxPerOrder: 5 }],
  };
}

/** Creates, submits and approves a product; returns its variant ids. */
export async function publishProduct(
  api: { http: () => import('supertest').Agent | ReturnType<typeof import('supertest')> },
  seller: { authorization: string },
  admin: { authorization: string },
  storeId: string,
  body: object,
): Promise<string[]> {
  const products = `/api/v1/seller/stores/${storeId}/products`;
  const created = await api.http().post(products).set(seller).send(body).expect(201);
  await api.http().post(`${products}/${created.body.id}/submit`).set(seller).expect(201);
  await api.http().post(`/api/v1/admin/products/${created.body.id}/approve`).set(admin).expect(201);
  return created.body.variants.map((v: { id: string }) => v.id);
}
