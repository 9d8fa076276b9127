import type { TFunction } from 'i18next';
import { BROWSE_SORTS, browseQuerySchema, PRODUCT_KINDS } from '../../modules/catalog/catalog.module';
import type { BrowseQuery } from '../../modules/catalog/catalog.module';
import { yuanInputToFen } from '../render/format';

export const SEARCH_PAGE_SIZE = 20;
/** Sorts a buyer picks; relevance is what "default" means when words are searched for. */
export const SEARCH_SORTS = BROWSE_SORTS.filter((s) => s !== 'relevance');

/** The search form as typed (strings), to fill the form again and to build the "more" link. */
export interface SearchForm {
  q?: string;
  kind?: string;
  region?: string;
  minPrice?: string;
  maxPrice?: string;
  inStock?: string;
  sort?: string;
}

const FORM_FIELDS = ['q', 'kind', 'region', 'minPrice', 'maxPrice', 'inStock', 'sort'] as const;
/** The browse query's fields, by the form field a buyer typed them in. */
const FIELD_OF: Record<string, keyof SearchForm> = {
  q: 'q',
  kind: 'kind',
  region: 'region',
  minPriceFen: 'minPrice',
  maxPriceFen: 'maxPrice',
  inStock: 'inStock',
  sort: 'sort',
};

const first = (value: unknown): string | undefined => {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
};

/**
 * The search page's query string as the API's browse query (the same schema): prices typed
 * in yuan become fen; a region picker's most precise choice is the region. A field that does
 * not check out is left out of the search and reported next to its input. `region` is the
 * region picker's finest choice (province, city or county).
 */
export function readSearch(
  raw: Record<string, unknown>,
  region: string | undefined,
  t: TFunction,
): { form: SearchForm; query: BrowseQuery; cursor?: string; errors: Record<string, string[]> } {
  const form: SearchForm = {};
  for (const field of FORM_FIELDS) form[field] = first(raw[field]);
  form.region = region;
  const errors: Record<string, string[]> = {};
  const input: Record<string, unknown> = {
    q: form.q,
    kind: form.kind && (PRODUCT_KINDS as readonly string[]).includes(form.kind) ? form.kind : undefined,
    region: form.region,
    inStock: form.inStock ? 'true' : undefined,
    sort: form.sort && (SEARCH_SORTS as readonly string[]).includes(form.sort) ? form.sort : undefined,
    cursor: first(raw.cursor),
    limit: SEARCH_PAGE_SIZE,
  };
  for (const [field, key] of [
    ['minPrice', 'minPriceFen'],
    ['maxPrice', 'maxPriceFen'],
  ] as const) {
    const typed = form[field];
    if (typed === undefined) continue;
    const fen = yuanInputToFen(typed);
    if (fen === null) errors[field] = [t('errors:form.money')];
    else input[key] = fen;
  }
  let parsed = browseQuerySchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      delete input[key];
      const field = FIELD_OF[key];
      if (field) errors[field] = [t('errors:form.invalid')];
    }
    parsed = browseQuerySchema.safeParse(input);
  }
  const query = parsed.success ? parsed.data : { limit: SEARCH_PAGE_SIZE };
  return { form, query, cursor: query.cursor, errors };
}

/** The search page's URL for this form (and page), for the "more" link and the county links. */
export function searchUrl(form: SearchForm, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const field of FORM_FIELDS) {
    const value = form[field];
    if (value) params.set(field, value);
  }
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
