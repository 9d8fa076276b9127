import { MigrationInterface, QueryRunner } from "typeorm";

export class RegionsAndSellers1795881351416 implements MigrationInterface {
    name = 'RegionsAndSellers1795881351416'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "regions" ("code" character(6) NOT NULL, "name" text NOT NULL, "pinyin" text NOT NULL, "level" text NOT NULL, "parent_code" character(6), CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "regions_parent_idx" ON "regions"  ("parent_code") `);
        await queryRunner.query(`CREATE TABLE "assistance_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trainee_id" uuid NOT NULL, "trainer_id" uuid NOT NULL, "statement" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_60e6588b1e6234748a6e29bf890" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "assistance_consents_pair_key" ON "assistance_consents"  ("trainee_id", "trainer_id") WHERE revoked_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "seller_audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seller_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "on_behalf_of_id" uuid NOT NULL, "action" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ccbcb03c94847f5ed332758edf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "seller_audit_entries_seller_idx" ON "seller_audit_entries"  ("seller_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "sellers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "display_name" text NOT NULL, "kind" text NOT NULL, "origin_county_code" character(6) NOT NULL, "origin_place" text NOT NULL, "contact_phone" text NOT NULL, "description" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'pending_review', "rejection_reason" text, "household_flags" text array NOT NULL DEFAULT '{}', "household_flags_evidence" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_97337ccbf692c58e6c7682de8a2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sellers_owner_idx" ON "sellers"  ("owner_id") `);
        await queryRunner.query(`CREATE INDEX "sellers_origin_county_idx" ON "sellers"  ("origin_county_code") `);
        await queryRunner.query(`CREATE INDEX "sellers_status_idx" ON "sellers"  ("status") `);
        await queryRunner.query(`CREATE TABLE "seller_members" ("seller_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5068d031055ab05265228653d82" PRIMARY KEY ("seller_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "seller_members_user_idx" ON "seller_members"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "seller_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seller_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_09bc7ae5d66111aa86e315f1b99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "seller_status_changes_seller_idx" ON "seller_status_changes"  ("seller_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "sellers" ADD CONSTRAINT "FK_0c5222cb42708b327ae2f764a6e" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sellers" ADD CONSTRAINT "FK_115428b8a6c4d69025028847fb9" FOREIGN KEY ("origin_county_code") REFERENCES "regions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "seller_members" ADD CONSTRAINT "FK_e3c7547407d130e49f8c99d51e2" FOREIGN KEY ("seller_id") REFERENCES "sellers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "seller_members" ADD CONSTRAINT "FK_c2b4448b0141cc8a247764da185" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "seller_members" DROP CONSTRAINT "FK_c2b4448b0141cc8a247764da185"`);
        await queryRunner.query(`ALTER TABLE "seller_members" DROP CONSTRAINT "FK_e3c7547407d130e49f8c99d51e2"`);
        await queryRunner.query(`ALTER TABLE "sellers" DROP CONSTRAINT "FK_115428b8a6c4d69025028847fb9"`);
        await queryRunner.query(`ALTER TABLE "sellers" DROP CONSTRAINT "FK_0c5222cb42708b327ae2f764a6e"`);
        await queryRunner.query(`DROP INDEX "public"."seller_status_changes_seller_idx"`);
        await queryRunner.query(`DROP TABLE "seller_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."seller_members_user_idx"`);
        await queryRunner.query(`DROP TABLE "seller_members"`);
        await queryRunner.query(`DROP INDEX "public"."sellers_status_idx"`);
        await queryRunner.query(`DROP INDEX "public"."sellers_origin_county_idx"`);
        await queryRunner.query(`DROP INDEX "public"."sellers_owner_idx"`);
        await queryRunner.query(`DROP TABLE "sellers"`);
        await queryRunner.query(`DROP INDEX "public"."seller_audit_entries_seller_idx"`);
        await queryRunner.query(`DROP TABLE "seller_audit_entries"`);
        await queryRunner.query(`DROP INDEX "public"."assistance_consents_pair_key"`);
        await queryRunner.query(`DROP TABLE "assistance_consents"`);
        await queryRunner.query(`DROP INDEX "public"."regions_parent_idx"`);
        await queryRunner.query(`DROP TABLE "regions"`);
    }

}
