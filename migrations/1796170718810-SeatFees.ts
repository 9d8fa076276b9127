import { MigrationInterface, QueryRunner } from "typeorm";

export class SeatFees1796170718810 implements MigrationInterface {
    name = 'SeatFees1796170718810'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cohorts" ADD "seat_fee_fen" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "cohorts" ADD "fee_seller_id" uuid`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "seat_fee_fen" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "seat_held_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "seat_payment_id" uuid`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "seat_fee_released_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "enrollments_seat_holds_idx" ON "enrollments"  ("seat_held_until") WHERE status = 'awaiting_payment'`);
        // Written by hand: TypeORM does not compare a partial index's WHERE. A held seat is active too.
        await queryRunner.query(`DROP INDEX "public"."enrollments_one_active_per_trainee"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "enrollments_one_active_per_trainee" ON "enrollments"  ("cohort_id", "trainee_id") WHERE status IN ('awaiting_payment', 'enrolled', 'waitlisted')`);
        await queryRunner.query(`ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_seat_fee_non_negative" CHECK (seat_fee_fen >= 0)`);
        await queryRunner.query(`ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_seat_fee_collected" CHECK (seat_fee_fen = 0 OR fee_seller_id IS NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_seat_fee_collected"`);
        await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_seat_fee_non_negative"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_one_active_per_trainee"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "enrollments_one_active_per_trainee" ON "enrollments"  ("cohort_id", "trainee_id") WHERE status IN ('enrolled', 'waitlisted')`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_seat_holds_idx"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "seat_fee_released_at"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "seat_payment_id"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "seat_held_until"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "seat_fee_fen"`);
        await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "fee_seller_id"`);
        await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "seat_fee_fen"`);
    }

}
