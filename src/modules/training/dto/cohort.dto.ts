import { z } from 'zod';
import { pageQuerySchema } from '../../../common/http/pagination';
import { patchSchema } from '../../../common/http/patch';
import { regionCodeSchema } from '../../regions/dto/region.response';
import { REQUIRABLE_ASSIGNMENTS } from '../assignments';
import { COHORT_FORMATS } from '../cohort-state';
import { SESSION_KINDS } from '../enrollment-state';

export const MAX_SEAT_FEE_FEN = 1_000_000;

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** What a trainer says about a cohort; the creation and later edits share these rules. */
const cohortFields = {
  title: text(120),
  description: z.string().trim().max(4000),
  countyCode: regionCodeSchema,
  format: z.enum(COHORT_FORMATS),
  capacity: z.number().int().min(1).max(1000),
  /** Fen; 0 (free) up to ¥10,000. */
  seatFeeFen: z.number().int().min(0).max(MAX_SEAT_FEE_FEN),
  /** The trainer's own verified store that collects the fees; required when `seatFeeFen` > 0. */
  feeSellerId: z.uuid().nullable(),
  enrolmentOpensAt: instant,
  enrolmentClosesAt: instant,
  startsAt: instant,
  endsAt: instant,
  minSessionsAttended: z.number().int().min(0).max(200),
  requiredAssignments: z.array(z.enum(REQUIRABLE_ASSIGNMENTS)).max(REQUIRABLE_ASSIGNMENTS.length),
};

export const createCohortSchema = z.strictObject({
  ...cohortFields,
  seatFeeFen: cohortFields.seatFeeFen.default(0),
  feeSellerId: cohortFields.feeSellerId.default(null),
  description: cohortFields.description.default(''),
  minSessionsAttended: cohortFields.minSessionsAttended.default(0),
  requiredAssignments: cohortFields.requiredAssignments.default([]),
});
export type CreateCohortDto = z.infer<typeof createCohortSchema>;

/** A trainer's edit: only the fields it names change (docs/api.md, partial updates). */
export const patchCohortSchema = patchSchema(cohortFields);
export type PatchCohortDto = z.infer<typeof patchCohortSchema>;

export const cancelCohortSchema = z.strictObject({ reason: text(500) });
export type CancelCohortDto = z.infer<typeof cancelCohortSchema>;

/** The public list: soonest start first, optionally one county's. */
export const cohortListQuerySchema = pageQuerySchema.extend({ countyCode: regionCodeSchema.optional() });
export type CohortListQuery = z.infer<typeof cohortListQuerySchema>;

export const sessionFields = {
  startsAt: instant,
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  topic: text(200),
  kind: z.enum(SESSION_KINDS),
  place: z.string().trim().max(300).nullable(),
  link: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
};

export const createSessionSchema = z.strictObject({
  ...sessionFields,
  place: sessionFields.place.default(null),
  link: sessionFields.link.default(null),
});
export type CreateSessionDto = z.infer<typeof createSessionSchema>;

export const patchSessionSchema = patchSchema(sessionFields);
export type PatchSessionDto = z.infer<typeof patchSessionSchema>;

export const cohortIdParamSchema = z.strictObject({ id: z.uuid() });
export const sessionParamSchema = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
