import { MigrationInterface, QueryRunner } from "typeorm";

export class WebSessions1796152521623 implements MigrationInterface {
    name = 'WebSessions1796152521623'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "web_token_hash" bytea`);
        await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE UNIQUE INDEX "auth_sessions_web_token_hash_key" ON "auth_sessions"  ("web_token_hash") WHERE web_token_hash IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."auth_sessions_web_token_hash_key"`);
        await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "expires_at"`);
        await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "web_token_hash"`);
    }

}
