import { MigrationInterface, QueryRunner } from "typeorm";

export class OrdersAndPayments1795883261662 implements MigrationInterface {
    name = 'OrdersAndPayments1795883261662'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "order_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "buyer_id" uuid NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "payment_method" text NOT NULL, "total_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ea7fe44386fee9a655142632a0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "order_groups_idempotency_key" ON "order_groups"  ("buyer_id", "idempotency_key") `);
        await queryRunner.query(`CREATE TABLE "order_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "product_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "product_title" text NOT NULL, "variant_name" text NOT NULL, "quantity" integer NOT NULL, "unit_price_fen" bigint NOT NULL, "line_total_fen" bigint NOT NULL, "net_weight_grams" integer, CONSTRAINT "PK_627dcd7f1d707de4df241b2da6b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "order_lines_order_idx" ON "order_lines"  ("order_id") `);
        await queryRunner.query(`CREATE TABLE "order_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f48e3dcc44bc80aa0f48d522019" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "order_status_changes_order_idx" ON "order_status_changes"  ("order_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "status" text NOT NULL, "goods_fen" bigint NOT NULL, "shipping_fen" bigint NOT NULL, "commission_fen" bigint NOT NULL, "total_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "shipping_address" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cancel_reason" text, "carrier" text, "tracking_number" text, "paid_at" TIMESTAMP WITH TIME ZONE, "shipped_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "orders_group_idx" ON "orders"  ("group_id") `);
        await queryRunner.query(`CREATE INDEX "orders_unpaid_expiry_idx" ON "orders"  ("expires_at") WHERE status IN ('pending_payment', 'awaiting_offline_payment')`);
        await queryRunner.query(`CREATE INDEX "orders_seller_idx" ON "orders"  ("seller_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "orders_buyer_idx" ON "orders"  ("buyer_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "shipping_policies" ("seller_id" uuid NOT NULL, "base_fee_fen" bigint NOT NULL, "per_kg_fen" bigint NOT NULL DEFAULT '0', "free_above_fen" bigint, "cold_chain" boolean NOT NULL DEFAULT false, "cold_chain_surcharge_fen" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f92da9c9b5ea9302c0bacae8bbe" PRIMARY KEY ("seller_id"))`);
        await queryRunner.query(`CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" text NOT NULL, "reference_id" uuid NOT NULL, "payer_id" uuid NOT NULL, "provider" text NOT NULL, "method" text NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "status" text NOT NULL DEFAULT 'requires_payment', "external_reference" text, "confirmed_by" uuid, "succeeded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "payments_reference_idx" ON "payments"  ("purpose", "reference_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."payments_reference_idx"`);
        await queryRunner.query(`DROP TABLE "payments"`);
        await queryRunner.query(`DROP TABLE "shipping_policies"`);
        await queryRunner.query(`DROP INDEX "public"."orders_buyer_idx"`);
        await queryRunner.query(`DROP INDEX "public"."orders_seller_idx"`);
        await queryRunner.query(`DROP INDEX "public"."orders_unpaid_expiry_idx"`);
        await queryRunner.query(`DROP INDEX "public"."orders_group_idx"`);
        await queryRunner.query(`DROP TABLE "orders"`);
        await queryRunner.query(`DROP INDEX "public"."order_status_changes_order_idx"`);
        await queryRunner.query(`DROP TABLE "order_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."order_lines_order_idx"`);
        await queryRunner.query(`DROP TABLE "order_lines"`);
        await queryRunner.query(`DROP INDEX "public"."order_groups_idempotency_key"`);
        await queryRunner.query(`DROP TABLE "order_groups"`);
    }

}
