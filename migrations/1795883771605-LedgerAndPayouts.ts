import { MigrationInterface, QueryRunner } from "typeorm";

export class LedgerAndPayouts1795883771605 implements MigrationInterface {
    name = 'LedgerAndPayouts1795883771605'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "ledger_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "journal_key" text NOT NULL, "account" text NOT NULL, "amount_fen" bigint NOT NULL, "memo" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ledger_entries_journal_key" ON "ledger_entries"  ("journal_key", "account") `);
        await queryRunner.query(`CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries"  ("account", "created_at") `);
        await queryRunner.query(`CREATE TABLE "payouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seller_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "bank_reference" text, "paid_by" uuid, "paid_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76855dc4f0a6c18c72eea302e87" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "payouts_seller_idx" ON "payouts"  ("seller_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "orders" ADD "payable_released_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "payable_released_at"`);
        await queryRunner.query(`DROP INDEX "public"."payouts_seller_idx"`);
        await queryRunner.query(`DROP TABLE "payouts"`);
        await queryRunner.query(`DROP INDEX "public"."ledger_entries_account_idx"`);
        await queryRunner.query(`DROP INDEX "public"."ledger_entries_journal_key"`);
        await queryRunner.query(`DROP TABLE "ledger_entries"`);
    }

}
