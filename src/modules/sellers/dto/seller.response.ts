import { statusHistorySchema, toStatusHistory } from '../../../common/http/status-history';
import { z } from 'zod';
import { AssistanceConsent } from '../entities/assistance-consent.entity';
import { SellerAuditEntry } from '../entities/seller-audit-entry.entity';
import { SellerMember } from '../entities/seller-member.entity';
import { SellerStatusChange } from '../entities/seller-status-change.entity';
import { HOUSEHOLD_FLAGS, Seller, SELLER_KINDS } from '../entities/seller.entity';
import { SELLER_STATUSES } from '../seller-state';

/** What anyone may see of a verified store. */
export const publicSellerSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  kind: z.enum(SELLER_KINDS),
  originCountyCode: z.string(),
  originPlace: z.string(),
  description: z.string(),
  photoIds: z.array(z.uuid()),
  /** Share of perishable orders shipped within their deadline (null before the first one). */
  onTimeShippingRate: z.number().nullable(),
  since: z.string(),
});

export const publicSellerPageSchema = publicSellerSchema.extend({
  photos: z.array(
    z.object({ id: z.uuid(), width: z.number(), height: z.number(), urls: z.record(z.string(), z.string()) }),
  ),
});

/** What the store's own members (and assisting trainer) see. */
export const managedSellerSchema = publicSellerSchema.omit({ since: true }).extend({
  ownerId: z.uuid(),
  contactPhone: z.string(),
  status: z.enum(SELLER_STATUSES),
  rejectionReason: z.string().nullable(),
  createdAt: z.string(),
});

/** What admins see, household flags included. */
export const adminSellerSchema = managedSellerSchema.extend({
  householdFlags: z.array(z.enum(HOUSEHOLD_FLAGS)),
  householdFlagsEvidence: z.string().nullable(),
  stripeAccountId: z.string().nullable(),
});

export const toPublicSeller = (s: Seller): z.infer<typeof publicSellerSchema> => ({
  id: s.id,
  displayName: s.displayName,
  kind: s.kind,
  originCountyCode: s.originCountyCode,
  originPlace: s.originPlace,
  description: s.description,
  photoIds: s.photoIds,
  onTimeShippingRate: onTimeShippingRate(s),
  since: s.createdAt.toISOString(),
});

export const toManagedSeller = (s: Seller): z.infer<typeof managedSellerSchema> => {
  const { since: _, ...rest } = toPublicSeller(s);
  return {
    ...rest,
    ownerId: s.ownerId,
    contactPhone: s.contactPhone,
    status: s.status,
    rejectionReason: s.rejectionReason,
    createdAt: s.createdAt.toISOString(),
  };
};

export const toAdminSeller = (s: Seller): z.infer<typeof adminSellerSchema> => ({
  ...toManagedSeller(s),
  householdFlags: s.householdFlags,
  householdFlagsEvidence: s.householdFlagsEvidence,
  stripeAccountId: s.stripeAccountId,
});

export const adminSellerDetailSchema = adminSellerSchema.extend({
  history: statusHistorySchema,
  assistedActions: z.array(
    z.object({ actorId: z.string(), onBehalfOfId: z.string(), action: z.string(), at: z.string() }),
  ),
});

export const toAdminSellerDetail = (
  s: Seller,
  history: SellerStatusChange[],
  audit: SellerAuditEntry[],
): z.infer<typeof adminSellerDetailSchema> => ({
  ...toAdminSeller(s),
  history: toStatusHistory(history),
  assistedActions: audit.map((a) => ({
    actorId: a.actorId,
    onBehalfOfId: a.onBehalfOfId,
    action: a.action,
    at: a.createdAt.toISOString(),
  })),
});

export const consentResponseSchema = z.object({
  id: z.uuid(),
  trainerId: z.uuid(),
  statement: z.string(),
  createdAt: z.string(),
});
export const toConsentResponse = (c: AssistanceConsent): z.infer<typeof consentResponseSchema> => ({
  id: c.id,
  trainerId: c.trainerId,
  statement: c.statement,
  createdAt: c.createdAt.toISOString(),
});

export const staffListSchema = z.object({
  items: z.array(z.object({ userId: z.uuid(), role: z.enum(['owner', 'staff']), since: z.string() })),
});
export const toStaffList = (members: SellerMember[]): z.infer<typeof staffListSchema> => ({
  items: members.map((m) => ({ userId: m.userId, role: m.role, since: m.createdAt.toISOString() })),
});

export const managedSellerListSchema = z.object({ items: z.array(managedSellerSchema) });
export const adminSellerPageSchema = z.object({ items: z.array(adminSellerSchema), nextCursor: z.string().nullable() });

function onTimeShippingRate(s: Seller): number | null {
  const total = s.shippingDeadlinesMet + s.shippingDeadlinesMissed;
  return total === 0 ? null : Math.round((s.shippingDeadlinesMet / total) * 1000) / 1000;
}
