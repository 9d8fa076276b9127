import { z } from 'zod';
import { User } from '../entities/user.entity';
import { ROLES } from '../../../common/auth/roles';

export const userResponseSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  displayName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  locale: z.enum(['zh-CN', 'en']),
  createdAt: z.string().describe('ISO 8601'),
});
export type UserResponse = z.infer<typeof userResponseSchema>;

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone,
    displayName: user.displayName,
    roles: user.roles,
    locale: user.locale,
    createdAt: user.createdAt.toISOString(),
  };
}

export const userPageSchema = z.object({ items: z.array(userResponseSchema), nextCursor: z.string().nullable() });
