import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese search on products: a GIN index on the words of `search_text` (segmented by
 * Intl.Segmenter when a product is approved) and a pg_trgm index for misspellings and
 * substrings.
 */
export class ProductSearchIndexes1795881853864 implements MigrationInterface {
  name = 'ProductSearchIndexes1795881853864';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "products_search_tsv_idx" ON "products" USING gin (to_tsvector('simple', search_text))`,
    );
    await queryRunner.query(`CREATE INDEX "products_search_trgm_idx" ON "products" USING gin (search_text gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "products_search_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "products_search_tsv_idx"`);
  }
}
