import { z } from 'zod';
import { GRANTABLE_ROLES } from '../../../common/auth/roles';

export const grantRolesSchema = z.strictObject({
  roles: z.array(z.enum(GRANTABLE_ROLES)).min(1).max(GRANTABLE_ROLES.length),
});
export type GrantRolesDto = z.infer<typeof grantRolesSchema>;

export const roleParamSchema = z.strictObject({ id: z.uuid(), role: z.enum(GRANTABLE_ROLES) });
export const userIdParamSchema = z.strictObject({ id: z.uuid() });
