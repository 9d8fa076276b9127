import { MigrationInterface, QueryRunner } from "typeorm";

export class CartLines1796152966060 implements MigrationInterface {
    name = 'CartLines1796152966060'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "cart_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "quantity" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8b728889a5b050537ab02e07bd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "cart_lines_user_variant_key" ON "cart_lines"  ("user_id", "variant_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."cart_lines_user_variant_key"`);
        await queryRunner.query(`DROP TABLE "cart_lines"`);
    }

}
