import { z } from 'zod';
import { Region } from '../entities/region.entity';

export const regionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code');

export const regionResponseSchema = z.object({
  code: z.string(),
  name: z.string(),
  pinyin: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
});

export const regionListSchema = z.object({ items: z.array(regionResponseSchema) });
export const regionQuerySchema = z.strictObject({ parent: regionCodeSchema.optional() });

export const toRegionResponse = (r: Region): z.infer<typeof regionResponseSchema> => ({
  code: r.code,
  name: r.name,
  pinyin: r.pinyin,
  level: r.level,
  parentCode: r.parentCode,
});
