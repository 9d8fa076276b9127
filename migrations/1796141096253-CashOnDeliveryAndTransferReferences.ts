import { MigrationInterface, QueryRunner } from "typeorm";

export class CashOnDeliveryAndTransferReferences1796141096253 implements MigrationInterface {
    name = 'CashOnDeliveryAndTransferReferences1796141096253'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "payments" ADD "transfer_reference" text`);
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "expires_at" DROP NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "payments_transfer_reference_key" ON "payments"  ("transfer_reference") `);
        // Written by hand: TypeORM does not compare the predicates of partial indexes.
        await queryRunner.query(`DROP INDEX "public"."orders_ship_by_idx"`);
        await queryRunner.query(`CREATE INDEX "orders_ship_by_idx" ON "orders"  ("ship_by") WHERE status IN ('paid', 'confirmed') AND ship_by IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."orders_ship_by_idx"`);
        await queryRunner.query(`CREATE INDEX "orders_ship_by_idx" ON "orders"  ("ship_by") WHERE status = 'paid' AND ship_by IS NOT NULL`);
        await queryRunner.query(`DROP INDEX "public"."payments_transfer_reference_key"`);
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "expires_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "transfer_reference"`);
    }

}
