import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1795906584680 implements MigrationInterface {
    name = 'Notifications1795906584680'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "channel" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "provider_message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_deliveries_status_check" CHECK (status IN ('pending', 'sending', 'sent', 'failed')), CONSTRAINT "notification_deliveries_channel_check" CHECK (channel IN ('sms', 'email')), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "notification_deliveries_unsent_idx" ON "notification_deliveries"  ("updated_at") WHERE status IN ('pending', 'sending')`);
        await queryRunner.query(`CREATE UNIQUE INDEX "notification_deliveries_channel_key" ON "notification_deliveries"  ("notification_id", "channel") `);
        await queryRunner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "category" text NOT NULL, "channel" text NOT NULL, "enabled" boolean NOT NULL, CONSTRAINT "PK_10d9a2f9af5270893c2baf74d2f" PRIMARY KEY ("user_id", "category", "channel"))`);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "params" jsonb NOT NULL, "locale" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "in_inbox" boolean NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "notifications_unread_idx" ON "notifications"  ("recipient_id") WHERE in_inbox AND read_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "notifications_inbox_idx" ON "notifications"  ("recipient_id", "created_at", "id") WHERE in_inbox`);
        await queryRunner.query(`CREATE UNIQUE INDEX "notifications_event_recipient_key" ON "notifications"  ("event_id", "recipient_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."notifications_event_recipient_key"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_inbox_idx"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_unread_idx"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`DROP TABLE "notification_preferences"`);
        await queryRunner.query(`DROP INDEX "public"."notification_deliveries_channel_key"`);
        await queryRunner.query(`DROP INDEX "public"."notification_deliveries_unsent_idx"`);
        await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    }

}
