import { z } from 'zod';
import { GRANTABLE_ROLES } from '../../common/auth/roles';
import { HOUSEHOLD_FLAGS } from '../../modules/sellers/entities/seller.entity';

/** Forms of the operator pages; the services check everything else. */
export const reasonForm = z.object({ reason: z.string().min(1).max(500) });

export const householdFlagsForm = z.object({
  // A browser sends one checkbox as a string, several as a list, none as nothing.
  flags: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(HOUSEHOLD_FLAGS)).max(HOUSEHOLD_FLAGS.length),
  ),
  evidenceNote: z.string().min(1).max(1000),
});

export const grantRoleForm = z.object({ role: z.enum(GRANTABLE_ROLES) });

export const confirmTransferForm = z.object({
  reference: z.string().min(4).max(32),
  bankReference: z.string().min(4).max(64),
});

export const paidReferenceForm = z.object({ reference: z.string().min(4).max(64) });

export const idParam = z.uuid();

/** The page a list continues on: a cursor the service gave, else the first page. */
export const cursorOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
