import { MigrationInterface, QueryRunner } from "typeorm";

export class Refunds1795884574607 implements MigrationInterface {
    name = 'Refunds1795884574607'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "refunds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "purpose" text NOT NULL, "reference_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "reason" text NOT NULL, "external_reference" text, "requested_by" uuid, "instructions" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "refunds_reference_idx" ON "refunds"  ("purpose", "reference_id") `);
        await queryRunner.query(`CREATE INDEX "refunds_payment_idx" ON "refunds"  ("payment_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."refunds_payment_idx"`);
        await queryRunner.query(`DROP INDEX "public"."refunds_reference_idx"`);
        await queryRunner.query(`DROP TABLE "refunds"`);
    }

}
