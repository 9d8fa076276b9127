import { MigrationInterface, QueryRunner } from "typeorm";

export class TrainingCohorts1796162399311 implements MigrationInterface {
    name = 'TrainingCohorts1796162399311'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "assignment_completions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "assignment" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '{}', "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "marked_by" uuid, CONSTRAINT "PK_b08dd3059faf2be813915d49fb0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "assignment_completions_once" ON "assignment_completions"  ("enrollment_id", "assignment") `);
        await queryRunner.query(`CREATE TABLE "attendance" ("session_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "mark" text NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9854442318d36264442e3d6718" PRIMARY KEY ("session_id", "enrollment_id"))`);
        await queryRunner.query(`CREATE INDEX "attendance_enrollment_idx" ON "attendance"  ("enrollment_id") `);
        await queryRunner.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "code" text NOT NULL, "holder_name" text NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "revoked_by" uuid, CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "certificates_enrollment_key" ON "certificates"  ("enrollment_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "certificates_code_key" ON "certificates"  ("code") `);
        await queryRunner.query(`CREATE INDEX "certificates_cohort_idx" ON "certificates"  ("cohort_id") `);
        await queryRunner.query(`CREATE INDEX "certificates_trainee_idx" ON "certificates"  ("trainee_id", "issued_at") `);
        await queryRunner.query(`CREATE TABLE "cohort_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "required" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6244076d7882c63bca9240b9d09" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "cohort_assignments_cohort_idx" ON "cohort_assignments"  ("cohort_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "cohort_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "topic" text NOT NULL, "kind" text NOT NULL, "place" text, "link" text, "day_reminder_sent_at" TIMESTAMP WITH TIME ZONE, "hour_reminder_sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cohort_sessions_duration_positive" CHECK (duration_minutes > 0), CONSTRAINT "PK_a352e7d92bf23140d9e92ec69d6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "cohort_sessions_hour_reminder_idx" ON "cohort_sessions"  ("starts_at") WHERE hour_reminder_sent_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "cohort_sessions_day_reminder_idx" ON "cohort_sessions"  ("starts_at") WHERE day_reminder_sent_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "cohort_sessions_cohort_idx" ON "cohort_sessions"  ("cohort_id", "starts_at") `);
        await queryRunner.query(`CREATE TABLE "cohort_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b16d19efd0c8d44ad06d3f27832" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "cohort_status_changes_cohort_idx" ON "cohort_status_changes"  ("cohort_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "cohorts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trainer_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "county_code" character(6) NOT NULL, "format" text NOT NULL, "capacity" integer NOT NULL, "enrolment_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "enrolment_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "min_sessions_attended" integer NOT NULL DEFAULT '0', "required_assignments" text array NOT NULL DEFAULT '{}', "status" text NOT NULL, "cancel_reason" text, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cohorts_min_sessions_non_negative" CHECK (min_sessions_attended >= 0), CONSTRAINT "cohorts_dates_in_order" CHECK (enrolment_opens_at < enrolment_closes_at AND starts_at < ends_at), CONSTRAINT "cohorts_capacity_positive" CHECK (capacity > 0), CONSTRAINT "PK_fd38f76b135e907b834fda1e752" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "cohorts_public_idx" ON "cohorts"  ("starts_at") WHERE status IN ('open', 'running')`);
        await queryRunner.query(`CREATE INDEX "cohorts_trainer_idx" ON "cohorts"  ("trainer_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "enrollment_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08cb0e324acd46294b12426af50" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "enrollment_status_changes_enrollment_idx" ON "enrollment_status_changes"  ("enrollment_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "enrollments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "status" text NOT NULL, "waitlist_position" integer, "enrolled_by" uuid NOT NULL, "seat_confirmed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrollments_waitlist_position_key" UNIQUE ("cohort_id", "waitlist_position") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "enrollments_trainee_idx" ON "enrollments"  ("trainee_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "enrollments_cohort_idx" ON "enrollments"  ("cohort_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "enrollments_one_active_per_trainee" ON "enrollments"  ("cohort_id", "trainee_id") WHERE status IN ('enrolled', 'waitlisted')`);
        await queryRunner.query(`CREATE TABLE "trainee_sales" ("order_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "goods_fen" bigint NOT NULL, "refunded_fen" bigint NOT NULL DEFAULT '0', "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_534f79004eb93e9c7f4233f01b7" PRIMARY KEY ("order_id"))`);
        await queryRunner.query(`CREATE INDEX "trainee_sales_trainee_idx" ON "trainee_sales"  ("trainee_id", "paid_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."trainee_sales_trainee_idx"`);
        await queryRunner.query(`DROP TABLE "trainee_sales"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_one_active_per_trainee"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_cohort_idx"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_trainee_idx"`);
        await queryRunner.query(`DROP TABLE "enrollments"`);
        await queryRunner.query(`DROP INDEX "public"."enrollment_status_changes_enrollment_idx"`);
        await queryRunner.query(`DROP TABLE "enrollment_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."cohorts_trainer_idx"`);
        await queryRunner.query(`DROP INDEX "public"."cohorts_public_idx"`);
        await queryRunner.query(`DROP TABLE "cohorts"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_status_changes_cohort_idx"`);
        await queryRunner.query(`DROP TABLE "cohort_status_changes"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_sessions_cohort_idx"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_sessions_day_reminder_idx"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_sessions_hour_reminder_idx"`);
        await queryRunner.query(`DROP TABLE "cohort_sessions"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_assignments_cohort_idx"`);
        await queryRunner.query(`DROP TABLE "cohort_assignments"`);
        await queryRunner.query(`DROP INDEX "public"."certificates_trainee_idx"`);
        await queryRunner.query(`DROP INDEX "public"."certificates_cohort_idx"`);
        await queryRunner.query(`DROP INDEX "public"."certificates_code_key"`);
        await queryRunner.query(`DROP INDEX "public"."certificates_enrollment_key"`);
        await queryRunner.query(`DROP TABLE "certificates"`);
        await queryRunner.query(`DROP INDEX "public"."attendance_enrollment_idx"`);
        await queryRunner.query(`DROP TABLE "attendance"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_completions_once"`);
        await queryRunner.query(`DROP TABLE "assignment_completions"`);
    }

}
