import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Written by hand (data, not schema): the trainees holding a seat when live selling arrived may
 * open practice rooms at once. Later seats come from enrollment.status-changed.
 */
export class PracticeRoomSeatsBackfill1796173838314 implements MigrationInterface {
    name = 'PracticeRoomSeatsBackfill1796173838314'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`INSERT INTO "practice_room_seats" ("cohort_id", "trainee_id", "trainer_id", "seated", "changed_at")
            SELECT e."cohort_id", e."trainee_id", c."trainer_id", true, e."updated_at"
              FROM "enrollments" e JOIN "cohorts" c ON c."id" = e."cohort_id"
             WHERE e."status" = 'enrolled'
            ON CONFLICT DO NOTHING`);
    }

    public async down(): Promise<void> {
        // The seats stay: the table goes with LiveSelling's own down.
    }
}
