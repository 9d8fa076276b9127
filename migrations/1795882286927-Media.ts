import { MigrationInterface, QueryRunner } from "typeorm";

export class Media1795882286927 implements MigrationInterface {
    name = 'Media1795882286927'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "images" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "widths" integer array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1fe148074c6a1a91b63cb9ee3c9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "images_owner_idx" ON "images"  ("owner_id") `);
        await queryRunner.query(`ALTER TABLE "sellers" ADD "photo_ids" uuid array NOT NULL DEFAULT '{}'`);
        // Content written before products had images gets an empty image list.
        await queryRunner.query(`UPDATE "products" SET "content" = "content" || '{"imageIds": []}' WHERE "content" IS NOT NULL AND NOT "content" ? 'imageIds'`);
        await queryRunner.query(`UPDATE "products" SET "draft" = "draft" || '{"imageIds": []}' WHERE "draft" IS NOT NULL AND NOT "draft" ? 'imageIds'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sellers" DROP COLUMN "photo_ids"`);
        await queryRunner.query(`DROP INDEX "public"."images_owner_idx"`);
        await queryRunner.query(`DROP TABLE "images"`);
    }

}
