import { MigrationInterface, QueryRunner } from "typeorm";

export class ConnectPayouts1795884909526 implements MigrationInterface {
    name = 'ConnectPayouts1795884909526'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sellers" ADD "stripe_account_id" text`);
        await queryRunner.query(`ALTER TABLE "payouts" ADD "method" text NOT NULL DEFAULT 'bank'`);
        await queryRunner.query(`ALTER TABLE "payouts" ADD "destination" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "destination"`);
        await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "method"`);
        await queryRunner.query(`ALTER TABLE "sellers" DROP COLUMN "stripe_account_id"`);
    }

}
