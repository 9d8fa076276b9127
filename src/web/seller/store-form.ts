import { NotFoundException } from '@nestjs/common';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { applySellerSchema } from '../../modules/sellers/sellers.module';
import { formObject, readForm, type FormResult } from '../forms/form';
import { listOf } from './seller-web';

/** The kinds of store the sellers module knows, in the order the form offers them. */
export const STORE_KINDS = applySellerSchema.shape.kind.options;

const STORE_FIELDS = ['kind', 'displayName', 'originCountyCode', 'originPlace', 'contactPhone', 'description'] as const;

/** What the store form sent: its own fields only (the region picker's province and city selects are not the store's). */
export function storeFormValues(body: unknown): Record<string, unknown> {
  const all = formObject(body);
  const values: Record<string, unknown> = {};
  for (const name of STORE_FIELDS) if (all[name] !== undefined) values[name] = all[name];
  values.photoIds = listOf(all.photoIds);
  return values;
}

/** The application (and its correction) read with the API's own schema; a wrong phone says how to write one. */
export function readStoreForm(
  values: Record<string, unknown>,
  t: TFunction,
): FormResult<z.output<typeof applySellerSchema>> {
  const form = readForm(applySellerSchema, values, t);
  if (!form.ok && form.errors.contactPhone && values.contactPhone !== undefined) {
    form.errors.contactPhone = [t('errors:form.phone')];
  }
  return form;
}

/** Which field a refusal of the sellers or media module belongs to. */
export const STORE_ERROR_FIELDS: Record<string, string> = {
  NOT_A_COUNTY: 'originCountyCode',
  REGION_NOT_FOUND: 'originCountyCode',
  IMAGE_NOT_FOUND: 'photos',
  UNSUPPORTED_IMAGE: 'photos',
  IMAGE_TOO_LARGE: 'photos',
};

/**
 * The trainee a trainer applies for (`?onBehalfOf=` on the form's address, then its hidden
 * field): a uuid, else nobody; anything else is the "not found" page, not a silent own store.
 */
export function onBehalfOfIn(sent: unknown): string | undefined {
  const value = formObject(sent).onBehalfOf;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !z.uuid().safeParse(value).success) throw new NotFoundException();
  return value;
}

/** A store id from the path: anything but a uuid is a store that does not exist. */
export function storeIdOf(value: string): string {
  if (!z.uuid().safeParse(value).success) throw new DomainError('not_found', 'SELLER_NOT_FOUND', 'Store not found');
  return value;
}
