import { yuanDecimal } from '../../common/money';
import type { WebLocale } from '../i18n/locales';

/** How Furrow shows money, weight and time: ¥ with two decimals, 斤 first for Chinese readers, Asia/Shanghai. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
const GRAMS_PER_JIN = 500;

/** A yuan amount as a form field shows it (`12.80`), so an edit form round-trips. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return yuanDecimal(fen);
}

/** Fen from a yuan amount typed into a form (`12`, `12.8`, `12.80`); null when it is not one. */
export function yuanInputToFen(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function trimDecimals(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/** `5斤（2.5kg）` for Chinese readers, `2.5 kg` in English; small weights in grams. */
export function formatWeight(grams: number, locale: WebLocale): string {
  if (grams < 500) return locale === 'en' ? `${grams} g` : `${grams}克`;
  const kg = trimDecimals(grams / 1000, 2);
  if (locale === 'en') return `${kg} kg`;
  return `${trimDecimals(grams / GRAMS_PER_JIN, 1)}斤（${kg}kg）`;
}

/** The price of one jin for goods sold by weight: what a Chinese buyer compares. Rounded to the fen. */
export function pricePerJinFen(priceFen: number, netWeightGrams: number): number {
  return Math.round((priceFen * GRAMS_PER_JIN) / netWeightGrams);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(locale: WebLocale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    timeFormats.set(key, format);
  }
  return format;
}

/** A moment as people in Guangxi read it (Asia/Shanghai), in the page's language. */
export function formatDateTime(value: Date | string, locale: WebLocale): string {
  return timeFormat(locale, true).format(new Date(value));
}

export function formatDate(value: Date | string, locale: WebLocale): string {
  return timeFormat(locale, false).format(new Date(value));
}

/** `srcset` from the WebP widths the media module stored (`{ "320": url, "640": url }`). */
export function srcsetOf(urls: Record<string, string> | undefined): string {
  if (!urls) return '';
  return Object.entries(urls)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([width, url]) => `${url} ${width}w`)
    .join(', ');
}

/** The smallest stored width that is at least `wanted` wide (or the widest), for `src`. */
export function srcOf(urls: Record<string, string> | undefined, wanted = 480): string {
  if (!urls) return '';
  const widths = Object.keys(urls)
    .map(Number)
    .sort((a, b) => a - b);
  const width = widths.find((w) => w >= wanted) ?? widths[widths.length - 1];
  return width === undefined ? '' : urls[String(width)];
}
