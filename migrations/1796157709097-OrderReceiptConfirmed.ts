import { MigrationInterface, QueryRunner } from "typeorm";

export class OrderReceiptConfirmed1796157709097 implements MigrationInterface {
    name = 'OrderReceiptConfirmed1796157709097'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD "receipt_confirmed_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "receipt_confirmed_at"`);
    }

}
