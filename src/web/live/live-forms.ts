import type { TFunction } from 'i18next';
import { DomainError } from '../../common/errors/domain-error';
import { formatYuan } from '../../common/money';
import type { LiveSession } from '../../modules/livestreams/entities/live-session.entity';
import { createLiveSessionSchema, pinItemSchema } from '../../modules/livestreams/livestreams.module';
import { shanghaiInput, shanghaiTyped, shanghaiValue } from '../forms/beijing-time';
import { errorMessage, FORM_LEVEL, formErrorsOf, formObject, readForm, type FormErrors } from '../forms/form';
import { formatDateTime, fenToYuanInput, yuanInputToFen } from '../render/format';
import type { WebLocale } from '../i18n/locales';

type Values = Record<string, unknown>;

const SESSION_FIELDS = ['sellerId', 'title', 'platform', 'streamUrl', 'cohortId'] as const;
const SESSION_TIMES = ['scheduledStartAt', 'scheduledEndAt'] as const;
const PIN_NUMBERS = ['allocation', 'perBuyerLimit', 'displayOrder'] as const;
const PIN_TIMES = ['startsAt', 'endsAt'] as const;
const HOUR = 3_600_000;

const pick = (all: Values, names: readonly string[]) => {
  const out: Values = {};
  for (const name of names) if (all[name] !== undefined) out[name] = all[name];
  return out;
};

/** What the new-session form sent, shaped for the API's schema: times typed in Beijing time. */
export function sessionFormValues(body: unknown): Values {
  const all = formObject(body);
  const values = pick(all, SESSION_FIELDS);
  for (const name of SESSION_TIMES) if (all[name] !== undefined) values[name] = shanghaiInput(all[name]);
  return values;
}

/** A new session's form before anything is typed: the store chosen, a two-hour stream from the next quarter hour. */
export function newSessionForm(sellerId: string | undefined, now = Date.now()): Values {
  const start = Math.ceil((now + 5 * 60_000) / (15 * 60_000)) * 15 * 60_000;
  return {
    sellerId,
    platform: 'douyin',
    scheduledStartAt: shanghaiValue(new Date(start)),
    scheduledEndAt: shanghaiValue(new Date(start + 2 * HOUR)),
  };
}

/** What the pin form sent: the live price typed in yuan (→ fen), counts as numbers, the window in Beijing time. */
export function pinFormValues(body: unknown): Values {
  const all = formObject(body);
  const values = pick(all, ['variantId']);
  if (all.livePriceFen !== undefined) {
    const typed = all.livePriceFen;
    values.livePriceFen = typeof typed === 'string' ? (yuanInputToFen(typed) ?? typed) : typed;
  }
  for (const name of PIN_NUMBERS) {
    const value = all[name];
    if (value !== undefined)
      values[name] = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  for (const name of PIN_TIMES) if (all[name] !== undefined) values[name] = shanghaiInput(all[name]);
  return values;
}

/** Values as a form shows them again after a mistake: fen back to yuan, times back in the input's shape. */
export function shownAgain(values: Values): Values {
  const shown: Values = { ...values };
  for (const name of [...SESSION_TIMES, ...PIN_TIMES]) shown[name] = shanghaiTyped(shown[name]);
  if (typeof shown.livePriceFen === 'number') shown.livePriceFen = fenToYuanInput(shown.livePriceFen);
  return shown;
}

/** The new-session form read by the API's schema; the link's rule said in the host's words. */
export function readSessionForm(values: Values, t: TFunction) {
  const form = readForm(createLiveSessionSchema, values, t);
  if (!form.ok && form.errors.streamUrl && values.streamUrl !== undefined) {
    form.errors.streamUrl = [t('live:form.streamUrlInvalid')];
  }
  return form;
}

/** The pin form read by the API's schema; a price that is no amount said as such. */
export function readPinForm(values: Values, t: TFunction) {
  const form = readForm(pinItemSchema, values, t);
  if (!form.ok && form.errors.livePriceFen && values.livePriceFen !== undefined) {
    form.errors.livePriceFen = [t('live:pin.priceInvalid')];
  }
  return form;
}

/** Where a refusal of the new-session form shows. */
const SESSION_ERROR_FIELDS: Record<string, string> = {
  SELLER_NOT_FOUND: 'sellerId',
  STORE_NOT_VERIFIED: 'sellerId',
  INVALID_LIVE_SESSION_WINDOW: 'scheduledEndAt',
  NOT_A_TRAINEE_OF_COHORT: 'cohortId',
};

/** Where a refusal of the pin form shows. */
const PIN_ERROR_FIELDS: Record<string, string> = {
  LIVE_PRICE_ABOVE_REGULAR: 'livePriceFen',
  LIVE_ALLOCATION_EXCEEDS_STOCK: 'allocation',
  LIVE_ITEM_ALREADY_PINNED: 'variantId',
  VARIANT_NOT_FOUND: 'variantId',
  PRODUCT_UNAVAILABLE: 'variantId',
  LIVE_ITEM_WINDOW_OUTSIDE_SESSION: 'startsAt',
  LIVE_SESSION_CLOSED: FORM_LEVEL,
};

/** Where a refusal of the start, end and cancel buttons shows: next to the buttons. */
export const ACTIONS_FIELD = 'actions';

/**
 * A refusal of live selling in the host's words, with what it knows (the regular price, the
 * stock there is, the session's window) and next to the field it is about.
 */
export function liveErrorsOf(
  error: DomainError,
  t: TFunction,
  locale: WebLocale,
  form: 'session' | 'pin' | 'actions',
  context: { session?: LiveSession; values?: Values } = {},
): FormErrors {
  if (error.code === 'VALIDATION_FAILED') return formErrorsOf(error, t);
  const fields = form === 'session' ? SESSION_ERROR_FIELDS : form === 'pin' ? PIN_ERROR_FIELDS : {};
  let field = form === 'actions' ? ACTIONS_FIELD : (fields[error.code] ?? FORM_LEVEL);
  const session = context.session;
  if (error.code === 'LIVE_ITEM_WINDOW_OUTSIDE_SESSION' && !startsOutside(context.values?.startsAt, session)) {
    field = 'endsAt';
  }
  const details = (error.details ?? {}) as Record<string, unknown>;
  const message = t(`live:codes.${error.code}`, {
    defaultValue: errorMessage(t, error.code),
    regularPrice: typeof details.regularPriceFen === 'number' ? formatYuan(details.regularPriceFen) : '',
    stock: details.stock ?? '',
    from: session ? formatDateTime(session.scheduledStartAt, locale) : '',
    to: session ? formatDateTime(session.scheduledEndAt, locale) : '',
  });
  return { [field]: [message] };
}

/** Whether the item's start (an ISO instant, as the form sent it) is the end of its window that lies outside the session. */
function startsOutside(startsAt: unknown, session: LiveSession | undefined): boolean {
  if (typeof startsAt !== 'string' || !session) return false;
  const start = new Date(startsAt);
  return start < session.scheduledStartAt || start >= session.scheduledEndAt;
}

/** The HTTP status a refused form is shown again with. */
export const statusOf = (error: DomainError) =>
  error.kind === 'validation' ? 400 : error.kind === 'not_found' ? 404 : 409;
