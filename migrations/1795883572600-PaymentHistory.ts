import { MigrationInterface, QueryRunner } from "typeorm";

export class PaymentHistory1795883572600 implements MigrationInterface {
    name = 'PaymentHistory1795883572600'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "payment_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1e75d0d741b18ac1e1f425b304" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "payment_status_changes_payment_idx" ON "payment_status_changes"  ("payment_id", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."payment_status_changes_payment_idx"`);
        await queryRunner.query(`DROP TABLE "payment_status_changes"`);
    }

}
