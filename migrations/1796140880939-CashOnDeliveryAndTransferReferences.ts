import { MigrationInterface, QueryRunner } from "typeorm";

export class CashOnDeliveryAndTransferReferences1796140880939 implements MigrationInterface {
    name = 'CashOnDeliveryAndTransferReferences1796140880939'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "payments" ADD "transfer_reference" text`);
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "expires_at" DROP NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "payments_transfer_reference_key" ON "payments"  ("transfer_reference") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."payments_transfer_reference_key"`);
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "expires_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "transfer_reference"`);
    }

}
