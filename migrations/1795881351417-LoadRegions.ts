import { MigrationInterface, QueryRunner } from 'typeorm';
import regions from '../src/modules/regions/data/regions.json';

/** Loads China's administrative divisions (src/modules/regions/data/regions.json, GB/T 2260). */
export class LoadRegions1795881351417 implements MigrationInterface {
  name = 'LoadRegions1795881351417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = regions as Array<{ code: string; name: string; pinyin: string; level: string; parent: string | null }>;
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await queryRunner.query(
        `INSERT INTO regions (code, name, pinyin, level, parent_code)
         SELECT * FROM unnest($1::char(6)[], $2::text[], $3::text[], $4::text[], $5::char(6)[])
         ON CONFLICT (code) DO UPDATE
           SET name = EXCLUDED.name, pinyin = EXCLUDED.pinyin, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
        [
          batch.map((r) => r.code),
          batch.map((r) => r.name),
          batch.map((r) => r.pinyin),
          batch.map((r) => r.level),
          batch.map((r) => r.parent),
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM regions`);
  }
}
