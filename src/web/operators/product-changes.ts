import type { TFunction } from 'i18next';

/** One field of a product's content, as a reviewer reads it. */
export interface ContentField {
  path: string;
  label: string;
  value: string;
  /** What is compared: the value itself, not how it reads. */
  raw: string;
}

/** A field whose draft differs from what buyers see now. */
export interface ContentChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

/**
 * A product's content as labelled fields, one per leaf (`attributes.variety`), lists kept
 * whole (certificates, photos): the reviewer compares like with like.
 */
export function contentFields(content: object | null | undefined, t: TFunction): ContentField[] {
  if (!content) return [];
  const fields: ContentField[] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
      return;
    }
    // Photos are compared by which ones, but read as how many; the page shows them beside.
    const text =
      path === 'imageIds' && Array.isArray(value) && value.length > 0
        ? t('operators:product.photoCount', { count: value.length })
        : shown(value, t, path);
    fields.push({ path, label: labelOf(path, t), value: text, raw: JSON.stringify(value ?? null) });
  };
  walk(content, '');
  // Postgres keeps jsonb keys in its own order; the reviewer reads them in the form's order.
  const order = fieldOrder(t);
  const rank = (path: string) => {
    const at = order.findIndex((known) => path === known || path.startsWith(`${known}.`));
    return at === -1 ? order.length : at;
  };
  return fields.sort((a, b) => rank(a.path) - rank(b.path));
}

/** The fields a revision changes, field by field, with the live value and the new one. */
export function contentChanges(live: object | null, draft: object | null, t: TFunction): ContentChange[] {
  const before = new Map(contentFields(live, t).map((f) => [f.path, f]));
  const after = new Map(contentFields(draft, t).map((f) => [f.path, f]));
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  const empty = t('operators:product.none');
  return paths
    .filter((path) => (before.get(path)?.raw ?? 'null') !== (after.get(path)?.raw ?? 'null'))
    .map((path) => ({
      path,
      label: labelOf(path, t),
      before: before.get(path)?.value ?? empty,
      after: after.get(path)?.value ?? empty,
    }));
}

/** The field's own label, else its nearest labelled parent's with the rest of the path. */
function labelOf(path: string, t: TFunction): string {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const label = t(`operators:fields.${parts.slice(0, n).join('.')}`, { defaultValue: '' });
    if (typeof label === 'string' && label) return [label, ...parts.slice(n)].join(' ');
  }
  return path;
}

/** The labelled paths in the order the locale file lists them (the order of the seller's form). */
function fieldOrder(t: TFunction): string[] {
  const tree = t('operators:fields', { returnObjects: true }) as unknown;
  const paths: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node && typeof node === 'object') {
      for (const [key, inner] of Object.entries(node)) walk(inner, path ? `${path}.${key}` : key);
    } else paths.push(path);
  };
  walk(tree, '');
  return paths;
}

/** A value as read: a choice by its name (`ambient` → 常温), a certificate as its type and number. */
function shown(value: unknown, t: TFunction, path: string): string {
  const none = t('operators:product.none');
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'boolean') return t(value ? 'operators:product.yes' : 'operators:product.no');
  const field = path.split('.').pop() ?? path;
  if (Array.isArray(value)) {
    if (value.length === 0) return none;
    return value
      .map((item) => {
        if (!item || typeof item !== 'object') return String(item);
        const { type, number, ...rest } = item as Record<string, unknown>;
        const kind = typeof type === 'string' ? choice(t, `${field}.type`, type) : undefined;
        return [kind, number, ...Object.values(rest)].filter((v) => v !== undefined).join(' ');
      })
      .join('、');
  }
  return typeof value === 'string' ? choice(t, field, value) : String(value);
}

const choice = (t: TFunction, field: string, value: string): string =>
  t(`operators:choices.${field}.${value}`, { defaultValue: value });
