/**
 * Times typed into `datetime-local` inputs are Beijing time: China keeps one offset all year
 * (no daylight saving since 1991), so a typed time is read at +08:00.
 */
const SHANGHAI_OFFSET = '+08:00';
const SHANGHAI_MS = 8 * 3600_000;
const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** `2026-05-01T09:00` typed in Beijing time → an ISO instant the API's schema reads; anything else as typed. */
export function shanghaiInput(value: unknown): unknown {
  if (typeof value !== 'string' || !LOCAL_INPUT.test(value)) return value;
  return `${value.length === 16 ? `${value}:00` : value}${SHANGHAI_OFFSET}`;
}

/** A stored instant as a `datetime-local` value in Beijing time. */
export function shanghaiValue(value: Date | string | null | undefined): string {
  if (!value) return '';
  return new Date(new Date(value).getTime() + SHANGHAI_MS).toISOString().slice(0, 16);
}

/** What shanghaiInput made of a typed time, back in the input's own shape (a form shown again). */
export function shanghaiTyped(value: unknown): unknown {
  return typeof value === 'string' && value.endsWith(SHANGHAI_OFFSET) ? value.slice(0, 16) : value;
}
