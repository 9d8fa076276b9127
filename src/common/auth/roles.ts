/**
 * Every account is a buyer; the other roles are granted by an admin only. Roles live in
 * common/ because the guards and decorators here check them; the users module stores them.
 */
export const ROLES = ['buyer', 'seller', 'trainer', 'admin', 'finance'] as const;
export type Role = (typeof ROLES)[number];
export const GRANTABLE_ROLES = ['seller', 'trainer', 'admin', 'finance'] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
