import { MigrationInterface, QueryRunner } from "typeorm";

export class PhoneLoginCodes1795902864535 implements MigrationInterface {
    name = 'PhoneLoginCodes1795902864535'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "phone_login_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "phone" text NOT NULL, "code_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c2da3488110316d083bdd1e6a8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "phone_login_codes_phone_idx" ON "phone_login_codes"  ("phone", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."phone_login_codes_phone_idx"`);
        await queryRunner.query(`DROP TABLE "phone_login_codes"`);
    }

}
