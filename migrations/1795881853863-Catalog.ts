import { MigrationInterface, QueryRunner } from "typeorm";

export class Catalog1795881853863 implements MigrationInterface {
    name = 'Catalog1795881853863'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seller_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "content" jsonb, "draft" jsonb, "revision_state" text, "rejection_reason" text, "origin_county_code" character(6) NOT NULL, "search_text" text NOT NULL DEFAULT '', "min_price_fen" bigint, "total_stock" integer NOT NULL DEFAULT '0', "pre_sale" boolean NOT NULL DEFAULT false, "sales_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "products_seller_idx" ON "products"  ("seller_id") `);
        await queryRunner.query(`CREATE INDEX "products_origin_idx" ON "products"  ("origin_county_code") `);
        await queryRunner.query(`CREATE INDEX "products_browse_idx" ON "products"  ("status", "created_at") `);
        await queryRunner.query(`CREATE TABLE "product_variants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "name" text NOT NULL, "sale_unit" text NOT NULL, "net_weight_grams" integer, "price_fen" bigint NOT NULL, "stock" integer NOT NULL, "min_order_quantity" integer NOT NULL DEFAULT '1', "max_per_order" integer, "price_tiers" jsonb NOT NULL DEFAULT '[]', "sku" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_281e3f2c55652d6a22c0aa59fd7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "product_variants_product_idx" ON "product_variants"  ("product_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "product_variants_sku_key" ON "product_variants"  ("seller_id", "sku") WHERE sku IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "product_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f974807d44f1df178d089265fbf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "product_status_changes_product_idx" ON "product_status_changes"  ("product_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "products" ADD CONSTRAINT "FK_425ee27c69d6b8adc5d6475dcfe" FOREIGN KEY ("seller_id") REFERENCES "sellers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "product_variants" ADD CONSTRAINT "FK_6343513e20e2deab45edfce1316" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "product_variants" DROP CONSTRAINT "FK_6343513e20e2deab45edfce1316"`);
        await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "FK_425ee27c69d6b8adc5d6475dcfe"`);
        await queryRunner.query(`DROP INDEX "public"."product_status_changes_product_idx"`);
        await queryRunner.query(`DROP TABLE "product_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."product_variants_sku_key"`);
        await queryRunner.query(`DROP INDEX "public"."product_variants_product_idx"`);
        await queryRunner.query(`DROP TABLE "product_variants"`);
        await queryRunner.query(`DROP INDEX "public"."products_browse_idx"`);
        await queryRunner.query(`DROP INDEX "public"."products_origin_idx"`);
        await queryRunner.query(`DROP INDEX "public"."products_seller_idx"`);
        await queryRunner.query(`DROP TABLE "products"`);
    }

}
