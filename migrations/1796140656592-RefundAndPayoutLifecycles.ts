import { MigrationInterface, QueryRunner } from "typeorm";

export class RefundAndPayoutLifecycles1796140656592 implements MigrationInterface {
    name = 'RefundAndPayoutLifecycles1796140656592'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "refund_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "refund_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34876cff06255456b867b18bdd2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "refund_status_changes_refund_idx" ON "refund_status_changes"  ("refund_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "payout_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payout_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70432a8d23dba851b20ea792008" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "payout_status_changes_payout_idx" ON "payout_status_changes"  ("payout_id", "created_at") `);
        // Refunds and payouts recorded before their lifecycles: one history row for where each stands.
        await queryRunner.query(`INSERT INTO "refund_status_changes" ("refund_id", "from_status", "to_status", "actor_id", "created_at") SELECT "id", NULL, "status", "requested_by", "updated_at" FROM "refunds"`);
        await queryRunner.query(`INSERT INTO "payout_status_changes" ("payout_id", "from_status", "to_status", "actor_id", "created_at") SELECT "id", NULL, "status", "paid_by", coalesce("paid_at", "created_at") FROM "payouts"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."payout_status_changes_payout_idx"`);
        await queryRunner.query(`DROP TABLE "payout_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."refund_status_changes_refund_idx"`);
        await queryRunner.query(`DROP TABLE "refund_status_changes"`);
    }

}
