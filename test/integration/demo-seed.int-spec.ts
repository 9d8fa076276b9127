import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '../../src/demo/demo-seeder.service';
import { DemoModule } from '../../src/demo/demo.module';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('demo data', () => {
  let db: TestDatabase;
  let module: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db);
    module = await Test.createTestingModule({ imports: [DemoModule] }).compile();
    module.useLogger(false);
    await module.init();
  });

  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  it('builds a believable marketplace once, however often it runs', async () => {
    const seeder = module.get(DemoSeeder);
    expect(await seeder.isEmpty()).toBe(true);
    expect(await seeder.seed()).toEqual({ stores: 10, products: 14 });
    expect(await seeder.seed()).toEqual({ stores: 0, products: 0 });
    expect(await seeder.isEmpty()).toBe(false);

    const ds = module.get(DataSource);
    const stores = await ds.query(`SELECT display_name, origin_county_code FROM sellers WHERE status = 'verified'`);
    expect(stores).toHaveLength(10);
    expect(stores).toEqual(
      expect.arrayContaining([
        { display_name: '田阳百育芒果专业合作社', origin_county_code: '451003' },
        { display_name: '保靖黄金茶家庭农场', origin_county_code: '433125' },
        { display_name: '凤凰阿拉营湘西黄牛养殖场', origin_county_code: '433123' },
      ]),
    );
    const kinds = await ds.query(
      `SELECT kind, count(*)::int AS n FROM products WHERE status = 'active' GROUP BY 1 ORDER BY 1`,
    );
    expect(kinds).toEqual([
      { kind: 'adoption', n: 1 },
      { kind: 'produce', n: 9 },
      { kind: 'tea', n: 4 },
    ]);
    const trainer = await ds.query(`SELECT roles FROM users WHERE email = 'trainer@furrow.demo'`);
    expect(trainer[0].roles).toContain('trainer');
    const cohorts = await ds.query(
      `SELECT c.title, c.status, (SELECT count(*)::int FROM cohort_sessions s WHERE s.cohort_id = c.id) AS sessions
         FROM cohorts c JOIN users u ON u.id = c.trainer_id WHERE u.email = 'trainer@furrow.demo'`,
    );
    expect(cohorts).toEqual([{ title: '田阳芒果电商班', status: 'open', sessions: 4 }]);
    // The mango co-op's livestream is scheduled with a box pinned at a live price below the regular one.
    const live = await ds.query(
      `SELECT l.status, o.allocated, o.remaining, o.live_price_fen < v.price_fen AS cheaper
         FROM live_sessions l JOIN sellers s ON s.id = l.seller_id
         JOIN live_offers o ON o.session_id = l.id JOIN product_variants v ON v.id = o.variant_id
        WHERE s.display_name = '田阳百育芒果专业合作社'`,
    );
    expect(live).toEqual([{ status: 'scheduled', allocated: 20, remaining: 20, cheaper: true }]);
  });
});
