import { MigrationInterface, QueryRunner } from "typeorm";

export class StripeEvents1795884101371 implements MigrationInterface {
    name = 'StripeEvents1795884101371'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "stripe_events" ("id" text NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "stripe_events"`);
    }

}
