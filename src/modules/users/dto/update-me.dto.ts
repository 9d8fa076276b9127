import { z } from 'zod';
import { patchSchema } from '../../../common/http/patch';

/** What a person may change about themselves (PATCH /me and the account settings page). */
export const updateMeSchema = patchSchema({
  displayName: z.string().trim().min(1).max(50).nullable().describe('The name others see; null clears it'),
  locale: z.enum(['zh-CN', 'en']).describe('The language of their pages and notifications'),
});
export type UpdateMeDto = z.infer<typeof updateMeSchema>;
