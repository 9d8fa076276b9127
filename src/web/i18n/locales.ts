import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import Negotiator from 'negotiator';

/** The languages the pages speak. zh-CN is the default and the fallback of every missing text. */
export const WEB_LOCALES = ['zh-CN', 'en'] as const;
export type WebLocale = (typeof WEB_LOCALES)[number];
export const DEFAULT_LOCALE: WebLocale = 'zh-CN';
export const LOCALE_COOKIE = 'furrow_lang';

export function isWebLocale(value: unknown): value is WebLocale {
  return typeof value === 'string' && (WEB_LOCALES as readonly string[]).includes(value);
}

/**
 * The page's language: the signed-in user's setting, else the language switch (a cookie),
 * else the browser's Accept-Language, else Chinese.
 */
export function chooseLocale(input: {
  userLocale?: string | null;
  cookie?: string;
  acceptLanguage?: string;
}): WebLocale {
  if (isWebLocale(input.userLocale)) return input.userLocale;
  if (isWebLocale(input.cookie)) return input.cookie;
  if (input.acceptLanguage) {
    const [best] = new Negotiator({ headers: { 'accept-language': input.acceptLanguage } }).languages([
      ...WEB_LOCALES,
      'zh',
    ]);
    if (best === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale files: `src/web/locales/<locale>/<namespace>.json`. Each area of the pages
 * (buyer, seller, finance, admin, …) keeps its own namespace; `common` holds the layout's
 * texts and `errors` the messages of error codes and form checks.
 */
const LOCALES_DIR = join(__dirname, '..', 'locales');

function loadResources(): Record<string, Record<string, object>> {
  const resources: Record<string, Record<string, object>> = {};
  for (const locale of WEB_LOCALES) {
    resources[locale] = {};
    for (const file of readdirSync(join(LOCALES_DIR, locale)).filter((f) => f.endsWith('.json'))) {
      resources[locale][file.slice(0, -'.json'.length)] = JSON.parse(
        readFileSync(join(LOCALES_DIR, locale, file), 'utf8'),
      ) as object;
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** The one i18next instance of the pages, loaded synchronously from the locale files at first use. */
export function webI18n(): i18n {
  if (!instance) {
    const resources = loadResources();
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      resources,
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...WEB_LOCALES],
      ns: Object.keys(resources[DEFAULT_LOCALE]),
      defaultNS: 'common',
      // Handlebars escapes what it prints; escaping here too would show `&amp;` on the page.
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  }
  return instance;
}

/**
 * The texts in one language. `area` is the namespace of the page's area: its own messages
 * of error codes come first (see errorMessage in forms/form.ts); keys always name their
 * namespace (`sales:orders.title`).
 */
export function translatorFor(locale: WebLocale, area?: string): TFunction {
  return webI18n().getFixedT(locale, area) as TFunction;
}
