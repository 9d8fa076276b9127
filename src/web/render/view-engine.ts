import { formatYuan } from '../../common/money';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { isWebLocale, translatorFor, type WebLocale } from '../i18n/locales';
import { fenToYuanInput, formatDate, formatDateTime, formatWeight, pricePerJinFen, srcOf, srcsetOf } from './format';

export const VIEWS_DIR = join(__dirname, '..', 'views');
export const PUBLIC_DIR = join(__dirname, '..', 'public');

/** What every template can read at its root (see WebPages.render). */
export interface PageRoot {
  locale: WebLocale;
  csrfToken: string;
  /** `{ field: [message, …] }` of a form that was sent back, already in the page's language. */
  errors?: Record<string, string[]>;
}

type HelperOptions = Handlebars.HelperOptions & { data: { root: PageRoot } };

function localeOf(options: HelperOptions): WebLocale {
  const locale = options.data?.root?.locale;
  return isWebLocale(locale) ? locale : 'zh-CN';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Asset URLs carry a hash of the file, so browsers may keep them for a year. */
const assetVersions = new Map<string, string>();
export function assetUrl(name: string): string {
  let version = assetVersions.get(name);
  if (!version) {
    const path = name === 'htmx.min.js' ? HTMX_FILE : join(PUBLIC_DIR, name);
    version = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10);
    assetVersions.set(name, version);
  }
  return `/assets/${name}?v=${version}`;
}

export const HTMX_FILE = join(
  require.resolve('htmx.org/package.json').replace(/package\.json$/, ''),
  'dist',
  'htmx.min.js',
);

/**
 * The Handlebars instance of the pages. `{{ }}` escapes everything it prints; nothing here
 * returns a SafeString built from user input. Partials are every file under views/partials,
 * named by their path (`buyer/product-card`).
 */
export function createViewEngine(): typeof Handlebars {
  const hbs = Handlebars.create();
  const partialsDir = join(VIEWS_DIR, 'partials');
  for (const file of walk(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    const name = relative(partialsDir, file).replace(/\\/g, '/').slice(0, -'.hbs'.length);
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }

  /** `{{t "buyer:cart.title" count=3}}`: the text in the page's language. */
  hbs.registerHelper('t', function (key: string, options: HelperOptions) {
    return translatorFor(localeOf(options))(key, options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('money', (fen: number | null | undefined) => (typeof fen === 'number' ? formatYuan(fen) : ''));
  hbs.registerHelper('yuanInput', (fen: number | null | undefined) => fenToYuanInput(fen));
  hbs.registerHelper('weight', function (grams: number | null | undefined, options: HelperOptions) {
    return typeof grams === 'number' ? formatWeight(grams, localeOf(options)) : '';
  });
  hbs.registerHelper('pricePerJin', (priceFen: number, grams: number | null | undefined) =>
    typeof grams === 'number' && grams > 0 ? formatYuan(pricePerJinFen(priceFen, grams)) : '',
  );
  hbs.registerHelper('datetime', function (value: Date | string | null | undefined, options: HelperOptions) {
    return value ? formatDateTime(value, localeOf(options)) : '';
  });
  hbs.registerHelper('date', function (value: Date | string | null | undefined, options: HelperOptions) {
    return value ? formatDate(value, localeOf(options)) : '';
  });
  /** Machine-readable time for `<time datetime>`. */
  hbs.registerHelper('iso', (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : ''));
  hbs.registerHelper('srcset', (urls: Record<string, string> | undefined) => srcsetOf(urls));
  hbs.registerHelper('src', (urls: Record<string, string> | undefined, wanted: unknown) =>
    srcOf(urls, typeof wanted === 'number' ? wanted : 480),
  );
  // Our own URL (no user data in it): printed as is, so `?v=` is not entity-encoded.
  hbs.registerHelper('asset', (name: string) => new hbs.SafeString(assetUrl(name)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('gt', (a: number, b: number) => a > b);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  /** `{{#if (fieldError "price")}}` and `{{fieldError "price"}}`: the first message for a field. */
  hbs.registerHelper('fieldError', function (field: string, options: HelperOptions) {
    return options.data?.root?.errors?.[field]?.[0] ?? '';
  });
  /** The hidden CSRF field every form carries. */
  hbs.registerHelper('csrfField', function (options: HelperOptions) {
    return new hbs.SafeString(
      `<input type="hidden" name="_csrf" value="${hbs.escapeExpression(options.data.root.csrfToken)}">`,
    );
  });
  return hbs;
}
