import { MigrationInterface, QueryRunner } from "typeorm";

export class ShipmentsAndShippingDeadlines1795903317383 implements MigrationInterface {
    name = 'ShipmentsAndShippingDeadlines1795903317383'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "shipment_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shipment_id" uuid NOT NULL, "status" text, "raw_status" text NOT NULL, "description" text NOT NULL, "location" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "fingerprint" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_80a42a8d00d59cbfab38e1d0872" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "shipment_events_timeline_idx" ON "shipment_events"  ("shipment_id", "occurred_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "shipment_events_fingerprint_key" ON "shipment_events"  ("shipment_id", "fingerprint") `);
        await queryRunner.query(`CREATE TABLE "shipment_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shipment_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "shipment_event_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a68cbbc500f102d17de0743f216" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "shipment_status_changes_shipment_idx" ON "shipment_status_changes"  ("shipment_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "shipments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "carrier" text NOT NULL, "tracking_number" text NOT NULL, "service" text NOT NULL, "status" text NOT NULL DEFAULT 'awaiting_pickup', "status_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pushed" boolean NOT NULL DEFAULT false, "polled_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6deda4532ac542a93eab214b564" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "shipments_order_key" ON "shipments"  ("order_id") `);
        await queryRunner.query(`CREATE INDEX "shipments_poll_idx" ON "shipments"  ("polled_at") WHERE NOT pushed AND status NOT IN ('delivered', 'returned')`);
        await queryRunner.query(`CREATE INDEX "shipments_tracking_idx" ON "shipments"  ("carrier", "tracking_number") `);
        await queryRunner.query(`CREATE TABLE "tracking_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" text NOT NULL, "external_id" text NOT NULL, "body" jsonb NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb612faf4d1a64562acfbcbbac0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "tracking_updates_provider_key" ON "tracking_updates"  ("provider", "external_id") `);
        await queryRunner.query(`ALTER TABLE "sellers" ADD "shipping_deadlines_met" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "sellers" ADD "shipping_deadlines_missed" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "cold_chain" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "ship_within_hours" integer`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "ship_by" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "ship_reminder_sent_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "orders_ship_by_idx" ON "orders"  ("ship_by") WHERE status = 'paid' AND ship_by IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."orders_ship_by_idx"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "ship_reminder_sent_at"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "ship_by"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "ship_within_hours"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "cold_chain"`);
        await queryRunner.query(`ALTER TABLE "sellers" DROP COLUMN "shipping_deadlines_missed"`);
        await queryRunner.query(`ALTER TABLE "sellers" DROP COLUMN "shipping_deadlines_met"`);
        await queryRunner.query(`DROP INDEX "public"."tracking_updates_provider_key"`);
        await queryRunner.query(`DROP TABLE "tracking_updates"`);
        await queryRunner.query(`DROP INDEX "public"."shipments_tracking_idx"`);
        await queryRunner.query(`DROP INDEX "public"."shipments_poll_idx"`);
        await queryRunner.query(`DROP INDEX "public"."shipments_order_key"`);
        await queryRunner.query(`DROP TABLE "shipments"`);
        await queryRunner.query(`DROP INDEX "public"."shipment_status_changes_shipment_idx"`);
        await queryRunner.query(`DROP TABLE "shipment_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."shipment_events_fingerprint_key"`);
        await queryRunner.query(`DROP INDEX "public"."shipment_events_timeline_idx"`);
        await queryRunner.query(`DROP TABLE "shipment_events"`);
    }

}
