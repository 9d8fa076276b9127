import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { webI18n } from '../i18n/locales';

/** Field → messages in the page's language; `_form` holds what belongs to no one field. */
export type FormErrors = Record<string, string[]>;
export const FORM_LEVEL = '_form';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; values: Record<string, unknown> };

/**
 * A urlencoded form as an object: `address.countyCode=451021` becomes
 * `{ address: { countyCode: '451021' } }`; fields named `_…` are dropped; empty fields are
 * absent, so an optional field left blank is simply not given.
 */
export function formObject(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    // `_csrf`, the region picker's upper selects, the no-JS refresh button: not the form's data.
    if (
      name.startsWith('_') ||
      name.includes('__proto__') ||
      name.includes('constructor') ||
      name.includes('prototype')
    ) {
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '' || value === undefined) continue;
    const path = name.split('.');
    let target = out;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (next && typeof next === 'object' ? next : (target[key] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1]] = value;
  }
  return out;
}

/** Reads a form with a zod schema; mistakes come back per field, in the page's language. */
export function readForm<S extends z.ZodType>(schema: S, body: unknown, t: TFunction): FormResult<z.output<S>> {
  const values = formObject(body);
  // reportInput: an issue carries what was typed, so a wrong value is told apart from a missing one.
  const parsed = schema.safeParse(values, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || FORM_LEVEL;
    (errors[field] ??= []).push(issueMessage(t, issue));
  }
  return { ok: false, errors, values };
}

function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('errors:form.required') : t('errors:form.invalid');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('errors:form.required')
          : t('errors:form.tooShort', { minimum: issue.minimum });
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('errors:form.chooseAtLeast', { minimum: issue.minimum });
      return t('errors:form.tooSmall', { minimum: issue.minimum });
    case 'too_big':
      if (issue.origin === 'string') return t('errors:form.tooLong', { maximum: issue.maximum });
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('errors:form.chooseAtMost', { maximum: issue.maximum });
      return t('errors:form.tooBig', { maximum: issue.maximum });
    case 'invalid_format':
      return issue.format === 'email' ? t('errors:form.email') : t('errors:form.invalidFormat');
    case 'invalid_value':
      return t('errors:form.choose');
    case 'custom':
      // A refinement may name its message by a key of errors:form.
      return t(`errors:form.${issue.message}`, { defaultValue: t('errors:form.invalid') });
    default:
      return t('errors:form.invalid');
  }
}

/**
 * The message of an error code in the page's language, else of its status. Codes are
 * looked up under `codes` in the page's own area (the namespace its translator was made
 * for), then in `errors`, then in every other area, so an area keeps the messages of the
 * codes its pages meet, in its own words, in its own locale file.
 */
export function errorMessage(t: TFunction, code: string, status?: number): string {
  const byStatus = t(`errors:status.${status ?? 500}`, { defaultValue: t('errors:generic') });
  const area = (t as unknown as { ns?: string | string[] }).ns;
  return t(`codes.${code}`, {
    ns: errorNamespaces(typeof area === 'string' ? area : undefined),
    defaultValue: byStatus,
  });
}

function errorNamespaces(area: string | undefined): string[] {
  const all = webI18n().options.ns as string[];
  const first = area && all.includes(area) ? [area, 'errors'] : ['errors'];
  return [...first, ...all.filter((ns) => !first.includes(ns))];
}

/**
 * A service's refusal as form errors: its field issues next to their fields, any other
 * code as one message over the form, or next to the field `fieldOf` names for it.
 */
export function formErrorsOf(error: DomainError, t: TFunction, fieldOf: Record<string, string> = {}): FormErrors {
  if (error.code === 'VALIDATION_FAILED') {
    const issues = (error.details as { issues?: Array<{ path: string }> } | undefined)?.issues ?? [];
    const errors: FormErrors = {};
    for (const issue of issues) (errors[issue.path || FORM_LEVEL] ??= []).push(t('errors:form.invalid'));
    return Object.keys(errors).length ? errors : { [FORM_LEVEL]: [t('errors:form.invalid')] };
  }
  return { [fieldOf[error.code] ?? FORM_LEVEL]: [errorMessage(t, error.code)] };
}
