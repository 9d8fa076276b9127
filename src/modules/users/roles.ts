/** Every account is a buyer; the other roles are granted by an admin only. */
export const ROLES = ['buyer', 'seller', 'trainer', 'admin', 'finance'] as const;
export type Role = (typeof ROLES)[number];
export const GRANTABLE_ROLES = ['seller', 'trainer', 'admin', 'finance'] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
