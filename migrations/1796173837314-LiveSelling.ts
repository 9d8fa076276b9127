import { MigrationInterface, QueryRunner } from "typeorm";

export class LiveSelling1796173837314 implements MigrationInterface {
    name = 'LiveSelling1796173837314'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "live_offer_buyers" ("offer_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "units" integer NOT NULL, CONSTRAINT "live_offer_buyers_units_non_negative" CHECK (units >= 0), CONSTRAINT "PK_0c21866185e5e5ecae74ef19a38" PRIMARY KEY ("offer_id", "buyer_id"))`);
        await queryRunner.query(`CREATE TABLE "live_offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "product_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "live_price_fen" bigint NOT NULL, "allocated" integer NOT NULL, "remaining" integer NOT NULL, "per_buyer_limit" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "display_order" integer NOT NULL DEFAULT '0', "selling_open" boolean NOT NULL DEFAULT false, "host_user_id" uuid NOT NULL, "cohort_id" uuid, "trainer_id" uuid, "pinned_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "unpinned_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "live_offers_price_positive" CHECK (live_price_fen > 0), CONSTRAINT "live_offers_limit_positive" CHECK (per_buyer_limit >= 1), CONSTRAINT "live_offers_remaining_in_range" CHECK (remaining >= 0 AND remaining <= allocated), CONSTRAINT "PK_072ff8fbfff49efad4f468f5b80" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "live_offers_session_idx" ON "live_offers"  ("session_id", "display_order") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "live_offers_one_pinned_per_variant" ON "live_offers"  ("session_id", "variant_id") WHERE unpinned_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "live_session_sale_lines" ("order_id" uuid NOT NULL, "offer_id" uuid NOT NULL, "quantity" integer NOT NULL, "line_total_fen" bigint NOT NULL, CONSTRAINT "PK_4c59eacffd7f7ad9a7b63218ad1" PRIMARY KEY ("order_id", "offer_id"))`);
        await queryRunner.query(`CREATE TABLE "live_session_sales" ("order_id" uuid NOT NULL, "session_id" uuid NOT NULL, "buyer_id" uuid, "goods_fen" bigint NOT NULL, "live_goods_fen" bigint NOT NULL DEFAULT '0', "refunded_fen" bigint NOT NULL DEFAULT '0', "paid_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a70bae60b59b20036362b9f5d96" PRIMARY KEY ("order_id"))`);
        await queryRunner.query(`CREATE INDEX "live_session_sales_session_idx" ON "live_session_sales"  ("session_id") `);
        await queryRunner.query(`CREATE TABLE "live_session_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e23ec8246832b7bb2cc64897380" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "live_session_status_changes_session_idx" ON "live_session_status_changes"  ("session_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "live_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seller_id" uuid NOT NULL, "host_user_id" uuid NOT NULL, "title" text NOT NULL, "platform" text NOT NULL, "stream_url" text NOT NULL, "scheduled_start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "scheduled_end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cohort_id" uuid, "trainer_id" uuid, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "live_sessions_window_in_order" CHECK (scheduled_start_at < scheduled_end_at), CONSTRAINT "PK_cc3225418b55b1e022dbfb6dca5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "live_sessions_overdue_idx" ON "live_sessions"  ("scheduled_end_at") WHERE status IN ('live', 'scheduled')`);
        await queryRunner.query(`CREATE INDEX "live_sessions_seller_idx" ON "live_sessions"  ("seller_id", "scheduled_start_at") `);
        await queryRunner.query(`CREATE TABLE "practice_room_seats" ("cohort_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "trainer_id" uuid NOT NULL, "seated" boolean NOT NULL, "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b84ea72280ba0ed476824a5d6" PRIMARY KEY ("cohort_id", "trainee_id"))`);
        await queryRunner.query(`ALTER TABLE "order_lines" ADD "live_offer_id" uuid`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "live_session_id" uuid`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "live_host_user_id" uuid`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "live_cohort_id" uuid`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "live_trainer_id" uuid`);
        await queryRunner.query(`CREATE INDEX "orders_live_session_idx" ON "orders"  ("live_session_id") WHERE live_session_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."orders_live_session_idx"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "live_trainer_id"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "live_cohort_id"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "live_host_user_id"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "live_session_id"`);
        await queryRunner.query(`ALTER TABLE "order_lines" DROP COLUMN "live_offer_id"`);
        await queryRunner.query(`DROP TABLE "practice_room_seats"`);
        await queryRunner.query(`DROP INDEX "public"."live_sessions_seller_idx"`);
        await queryRunner.query(`DROP INDEX "public"."live_sessions_overdue_idx"`);
        await queryRunner.query(`DROP TABLE "live_sessions"`);
        await queryRunner.query(`DROP INDEX "public"."live_session_status_changes_session_idx"`);
        await queryRunner.query(`DROP TABLE "live_session_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."live_session_sales_session_idx"`);
        await queryRunner.query(`DROP TABLE "live_session_sales"`);
        await queryRunner.query(`DROP TABLE "live_session_sale_lines"`);
        await queryRunner.query(`DROP INDEX "public"."live_offers_one_pinned_per_variant"`);
        await queryRunner.query(`DROP INDEX "public"."live_offers_session_idx"`);
        await queryRunner.query(`DROP TABLE "live_offers"`);
        await queryRunner.query(`DROP TABLE "live_offer_buyers"`);
    }

}
