import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CARRIER_CODES, CARRIERS, CarrierCode } from '../carriers';
import { TrackingStep } from '../tracking-provider';

/** Kuaidi100's signatures: upper-case hex MD5 of the concatenated parts, no separators. */
export const kuaidi100Sign = (...parts: string[]): string =>
  createHash('md5').update(parts.join('')).digest('hex').toUpperCase();

export function kuaidi100SignMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Our carrier of a Kuaidi100 company code (`shunfeng` → `sf`), or undefined for one we do not ship with. */
export const carrierOfKuaidi100 = (com: string): CarrierCode | undefined =>
  CARRIER_CODES.find((code) => CARRIERS[code].kuaidi100 === com);

/** NUL, or a UTF-16 surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const NOT_STORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * One step as Kuaidi100 writes it, in the query answer and in `lastResult.data` of a push.
 * `statusCode` comes with `resultv2=4`; `time`/`ftime` are Beijing time without a zone.
 */
export const kuaidi100StepSchema = z.looseObject({
  // Of the right shape yet no moment (hour 25): refused here, or the step's instant throws later.
  time: z
    .string()
    .regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    .refine((time) => !Number.isNaN(beijingInstant(time).getTime()), 'not a moment'),
  ftime: z.string().optional(),
  // PostgreSQL cannot store NUL or a lone surrogate: refused as malformed rather than failing the insert.
  context: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((text) => !NOT_STORABLE.test(text), 'not storable text'),
  status: z.string().optional(),
  statusCode: z.string().max(10).optional(),
  areaName: z.string().max(200).nullish(),
  location: z.string().max(200).nullish(),
});
export type Kuaidi100Step = z.infer<typeof kuaidi100StepSchema>;

/** `2026-12-01 09:30:00` in Beijing time → the instant. */
export const beijingInstant = (time: string): Date => new Date(`${time.replace(' ', 'T')}+08:00`);

/**
 * Kuaidi100 steps → ours. Older answers carry no per-step code: then the newest step has the
 * parcel's `state` and the others were in transit.
 */
export function stepsOfKuaidi100(data: Kuaidi100Step[], parcelState: string | undefined): TrackingStep[] {
  const newest = data.reduce<Kuaidi100Step | undefined>(
    (latest, step) => (!latest || step.time > latest.time ? step : latest),
    undefined,
  );
  return data.map((step) => ({
    state: step.statusCode || (step === newest ? (parcelState ?? '0') : '0'),
    description: step.context,
    location: step.location || step.areaName || null,
    occurredAt: beijingInstant(step.time),
  }));
}
