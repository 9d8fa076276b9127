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
      path === 'imageIds' && Array.isArray(value)
        ? t('operators:product.photoCount', { count: value.length })
        : shown(value, t);
    fields.push({ path, label: labelOf(path, t), value: text, raw: JSON.stringify(value ?? null) });
  };
  walk(content, '');
  return fields;
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

function shown(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('operators:product.none');
  if (typeof value === 'boolean') return t(value ? 'operators:product.yes' : 'operators:product.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('operators:product.none');
    return value
      .map((item) => (typeof item === 'object' ? Object.values(item as object).join(' ') : String(item)))
      .join('、');
  }
  return String(value);
}
