import { MigrationInterface, QueryRunner } from "typeorm";

export class TraineeSalesClosed1796168487875 implements MigrationInterface {
    name = 'TraineeSalesClosed1796168487875'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "trainee_sales" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "trainee_sales" DROP COLUMN "closed_at"`);
    }

}
