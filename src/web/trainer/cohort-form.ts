import type { TFunction } from 'i18next';
import { DomainError } from '../../common/errors/domain-error';
import { formatYuan } from '../../common/money';
import type { CohortSession } from '../../modules/training/entities/cohort-session.entity';
import type { Cohort } from '../../modules/training/entities/cohort.entity';
import {
  COHORT_FORMATS,
  MAX_SEAT_FEE_FEN,
  REQUIRABLE_ASSIGNMENTS,
  SESSION_KINDS,
} from '../../modules/training/training.module';
import { formErrorsOf, formObject, type FormErrors } from '../forms/form';
import { fenToYuanInput, yuanInputToFen } from '../render/format';
import { shanghaiInput, shanghaiTyped, shanghaiValue } from '../forms/beijing-time';

const COHORT_FIELDS = ['title', 'description', 'countyCode', 'format', 'capacity', 'minSessionsAttended'] as const;
const COHORT_TIMES = ['enrolmentOpensAt', 'enrolmentClosesAt', 'startsAt', 'endsAt'] as const;
const SESSION_FIELDS = ['topic', 'kind', 'durationMinutes', 'place', 'link'] as const;
const NUMBERS = new Set(['capacity', 'minSessionsAttended', 'durationMinutes']);
/** The seat fee, typed in yuan into `seatFeeFen` (named by the API's field, as the product form's prices are). */
const FEE_FIELDS = ['seatFeeFen', 'feeSellerId'] as const;

export const FORMATS = COHORT_FORMATS;
export const KINDS = SESSION_KINDS;
export const ASSIGNMENTS = REQUIRABLE_ASSIGNMENTS;

/** A cohort or session id from the path: anything but a uuid is one that does not exist. */
export function idOf(value: string, code = 'COHORT_NOT_FOUND'): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new DomainError('not_found', code, 'Not found');
  }
  return value;
}

const pick = (all: Record<string, unknown>, names: readonly string[]) => {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = all[name];
    if (value === undefined) continue;
    out[name] = NUMBERS.has(name) && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
};

/** What the cohort form sent, shaped for the API's schema (the region picker's upper selects left out). */
export function cohortFormValues(body: unknown): Record<string, unknown> {
  const all = formObject(body);
  const values = pick(all, COHORT_FIELDS);
  for (const name of COHORT_TIMES) if (all[name] !== undefined) values[name] = shanghaiInput(all[name]);
  // A blank description and no box ticked are choices too: an edit must be able to clear them.
  values.description ??= '';
  const ticked = all.requiredAssignments;
  values.requiredAssignments = ticked === undefined ? [] : Array.isArray(ticked) ? ticked : [ticked];
  // A form that carries the fee (even blank: free) sets it; one without it (an opened cohort's edit) leaves it.
  const sent = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (FEE_FIELDS.some((name) => Object.hasOwn(sent, name))) {
    values.seatFeeFen = all.seatFeeFen === undefined ? 0 : fenOf(all.seatFeeFen);
    values.feeSellerId = all.feeSellerId ?? null;
  }
  return values;
}

/** Yuan as typed (`99`, `99.5`, `99.50`) → integer fen; anything else goes on for the schema to refuse. */
const fenOf = (value: unknown): unknown => (typeof value === 'string' ? (yuanInputToFen(value) ?? value) : value);

/** The form's values from a cohort, for the edit page. */
export function cohortFormOf(cohort: Cohort): Record<string, unknown> {
  const form: Record<string, unknown> = { ...pick(cohort as unknown as Record<string, unknown>, COHORT_FIELDS) };
  for (const name of COHORT_TIMES) form[name] = shanghaiValue(cohort[name]);
  form.requiredAssignments = cohort.requiredAssignments;
  form.seatFeeFen = cohort.seatFeeFen > 0 ? fenToYuanInput(cohort.seatFeeFen) : '';
  form.feeSellerId = cohort.feeSellerId ?? '';
  return form;
}

/** What the session form sent; a blank place or link is none. */
export function sessionFormValues(body: unknown): Record<string, unknown> {
  const all = formObject(body);
  const values = pick(all, SESSION_FIELDS);
  if (all.startsAt !== undefined) values.startsAt = shanghaiInput(all.startsAt);
  values.place ??= null;
  values.link ??= null;
  return values;
}

export function sessionFormOf(session: CohortSession): Record<string, unknown> {
  return {
    ...pick(session as unknown as Record<string, unknown>, SESSION_FIELDS),
    startsAt: shanghaiValue(session.startsAt),
  };
}

/** Values as the form shows them again after a mistake: times back in the input's own shape. */
export function shownAgain(values: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...values };
  for (const name of [...COHORT_TIMES, 'startsAt']) shown[name] = shanghaiTyped(shown[name]);
  if (typeof shown.seatFeeFen === 'number')
    shown.seatFeeFen = shown.seatFeeFen > 0 ? fenToYuanInput(shown.seatFeeFen) : '';
  return shown;
}

/**
 * The schema's word on the fee fields, in the trainer's terms: the fee in yuan with its bounds
 * (not the fen the schema counts), the store as a choice to make.
 */
export function withFeeMessages(errors: FormErrors, t: TFunction): FormErrors {
  const out = { ...errors };
  if (out.seatFeeFen) out.seatFeeFen = [t('cohorts:form.seatFeeInvalid', { max: formatYuan(MAX_SEAT_FEE_FEN) })];
  if (out.feeSellerId) out.feeSellerId = [t('cohorts:form.feeStoreChoose')];
  return out;
}

/** Which field a refusal of the training module belongs to. */
const ERROR_FIELDS: Record<string, string> = {
  NOT_A_COUNTY: 'countyCode',
  REGION_NOT_FOUND: 'countyCode',
  COHORT_CAPACITY_BELOW_ENROLLED: 'capacity',
  COHORT_RULE_UNREACHABLE: 'minSessionsAttended',
  COHORT_SESSIONS_OUTSIDE_DATES: 'startsAt',
  SESSION_OUTSIDE_COHORT: 'startsAt',
  SEAT_FEE_STORE_REQUIRED: 'feeSellerId',
  SEAT_FEE_STORE_NOT_YOURS: 'feeSellerId',
  SEAT_FEE_STORE_NOT_VERIFIED: 'feeSellerId',
  SEAT_FEE_LOCKED: 'seatFeeFen',
};

/** A refusal as form errors; INVALID_COHORT_DATES goes next to the date it names. */
export function cohortErrorsOf(error: DomainError, t: TFunction): FormErrors {
  const field = (error.details as { field?: string } | undefined)?.field;
  const fields =
    error.code === 'INVALID_COHORT_DATES' && field ? { ...ERROR_FIELDS, [error.code]: field } : ERROR_FIELDS;
  return formErrorsOf(error, t, fields);
}

/** The HTTP status a refused form is shown again with. */
export const statusOf = (error: DomainError) => (error.kind === 'validation' ? 400 : 409);
