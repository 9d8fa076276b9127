import { MigrationInterface, QueryRunner } from "typeorm";

export class CashOnDeliveryReminder1796145861935 implements MigrationInterface {
    name = 'CashOnDeliveryReminder1796145861935'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD "cash_reminder_sent_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "cash_reminder_sent_at"`);
    }

}
