import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  createProductSchema,
  newVariantSchema,
  updateContentSchema,
  updateVariantSchema,
} from '../../modules/catalog/dto/product.dto';
import type { ProductContent, ProductKind } from '../../modules/catalog/catalog.module';
import { formObject, readForm, type FormErrors, type FormResult } from '../forms/form';
import { fenToYuanInput, yuanInputToFen } from '../render/format';
import { listOf } from './seller-web';

/**
 * The guided product form. Its inputs are named by the paths of the API's own schema
 * (`content.attributes.variety`, `variants.0.priceFen`), so the API's checks run unchanged
 * and each mistake lands next to its input. What people type differently from the API is
 * converted first: prices in yuan (to fen), weights in grams or 斤, a premium in percent
 * (to basis points), blank optional groups left out.
 */
export const VARIANT_ROWS = 3;
export const TIER_ROWS = 2;
const GRAMS_PER_JIN = 500;

type Values = Record<string, unknown>;
const obj = (value: unknown): Values =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Values) : {};
/** `{ '0': a, '1': b }` (how formObject reads `rows.0.x`) as `[a, b]`, by index. */
const rows = (value: unknown): Values[] => {
  const byIndex = obj(value);
  return Object.keys(byIndex)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => obj(byIndex[k]));
};
/** Whole numbers typed as digits; anything else goes on for the schema to refuse. */
const int = (value: unknown): unknown => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const fen = (value: unknown): unknown => (typeof value === 'string' ? (yuanInputToFen(value) ?? value) : value);
const given = (value: unknown) => value !== undefined && value !== null && value !== '';
/** A from–to pair: left out when both are blank. */
const range = (value: unknown, read: (v: unknown) => unknown) => {
  const r = obj(value);
  return given(r.from) || given(r.to) ? { from: read(r.from), to: read(r.to) } : undefined;
};

function grams(value: unknown, unit: unknown): unknown {
  if (!given(value)) return null;
  if (unit !== 'jin') return int(value);
  const jin = typeof value === 'string' && /^\d{1,6}(?:\.\d{1,3})?$/.test(value) ? Number(value) : NaN;
  return Number.isNaN(jin) ? value : Math.round(jin * GRAMS_PER_JIN);
}

/** `12.5` (percent) → 1250 basis points, exactly. */
function basisPoints(value: unknown): unknown {
  const match = typeof value === 'string' ? /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value) : null;
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : value;
}

function attributesOf(kind: ProductKind, a: Values): unknown {
  if (kind === 'produce') {
    const preSale = obj(a.preSale);
    return {
      variety: a.variety,
      grade: a.grade,
      fruitSizeGrams: range(a.fruitSizeGrams, int),
      harvestWindow: range(a.harvestWindow, (v) => v),
      shipsWithinHours: int(a.shipsWithinHours),
      storageClass: a.storageClass,
      preSale: given(preSale.shipsFrom) ? { shipsFrom: preSale.shipsFrom } : null,
    };
  }
  if (kind === 'tea') {
    return {
      harvestSeason: a.harvestSeason,
      batchNumber: a.batchNumber,
      grade: a.grade,
      productionDate: a.productionDate,
      shelfLifeMonths: int(a.shelfLifeMonths),
      geographicalIndicationNumber: a.geographicalIndicationNumber,
    };
  }
  if (kind === 'adoption') {
    const end = obj(a.atTermEnd);
    const insurance = obj(a.insurance);
    return {
      species: a.species,
      breed: a.breed,
      termMonths: int(a.termMonths),
      evidenceIntervalDays: int(a.evidenceIntervalDays),
      atTermEnd:
        end.type === 'buy_back'
          ? {
              type: 'buy_back',
              premiumBasisPoints: basisPoints(end.premiumBasisPoints),
              floorPricePerKgFen: fen(end.floorPricePerKgFen),
            }
          : { type: end.type },
      insurance:
        given(insurance.insurer) || given(insurance.policyNote)
          ? { insurer: insurance.insurer, policyNote: insurance.policyNote }
          : null,
      maxPerAdopter: int(a.maxPerAdopter),
    };
  }
  return {};
}

function contentOf(kind: ProductKind, values: Values): Values {
  const content = obj(values.content);
  const traceability = obj(content.traceability);
  const certificate = rows(traceability.certificates)[0] ?? {};
  return {
    kind,
    title: content.title,
    description: content.description,
    traceability: {
      originVillage: traceability.originVillage,
      certificates:
        given(certificate.type) || given(certificate.number)
          ? [{ type: certificate.type, number: certificate.number }]
          : [],
    },
    imageIds: listOf(content.imageIds),
    attributes: attributesOf(kind, obj(content.attributes)),
  };
}

function variantOf(v: Values): Values {
  return {
    name: v.name,
    saleUnit: v.saleUnit,
    netWeightGrams: grams(v.netWeightGrams, v.weightUnit),
    priceFen: fen(v.priceFen),
    stock: int(v.stock),
    minOrderQuantity: given(v.minOrderQuantity) ? int(v.minOrderQuantity) : undefined,
    maxPerOrder: given(v.maxPerOrder) ? int(v.maxPerOrder) : null,
    priceTiers: rows(v.priceTiers)
      .filter((tier) => given(tier.minQuantity) || given(tier.priceFen))
      .map((tier) => ({ minQuantity: int(tier.minQuantity), priceFen: fen(tier.priceFen) })),
    sku: given(v.sku) ? v.sku : null,
  };
}

/** A variant row someone filled in (the unit selects always send a value, so they do not count). */
const filled = (v: Values) => ['name', 'netWeightGrams', 'priceFen', 'stock', 'sku'].some((k) => given(v[k]));

/** What was typed into the input named `path` (`variants.0.priceFen`). */
function typedAt(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => obj(at)[key], values);
}

/**
 * Something typed that is no number reads "invalid", not "required" (zod does not say what it
 * was given), and a mistake in a yuan field says how to write an amount.
 */
function typedMessages(errors: FormErrors, values: Values, t: TFunction): FormErrors {
  const required = t('errors:form.required');
  const invalid = t('errors:form.invalid');
  for (const [field, messages] of Object.entries(errors)) {
    const typed = given(typedAt(values, field));
    if (!typed || (messages[0] !== required && messages[0] !== invalid)) continue;
    errors[field] = [/(priceFen|PerKgFen)$/.test(field) ? t('errors:form.money') : invalid];
  }
  return errors;
}

/** A new product of `kind`: its content and the variant rows filled in. */
export function readNewProduct(
  kind: ProductKind,
  body: unknown,
  imageIds: string[],
  t: TFunction,
): FormResult<z.output<typeof createProductSchema>> {
  const values = formObject(body);
  const variantRows = rows(values.variants);
  const used = variantRows.map((v, i) => ({ v, i })).filter(({ v }) => filled(v));
  const candidate = {
    content: { ...contentOf(kind, values), imageIds },
    variants: used.map(({ v }) => variantOf(v)),
  };
  const form = readForm(createProductSchema, candidate, t);
  if (form.ok) return form;
  // Errors of the n-th filled row belong to the row on the page it came from.
  const errors: FormErrors = {};
  for (const [field, messages] of Object.entries(form.errors)) {
    const match = /^variants\.(\d+)(\..*)?$/.exec(field);
    const key = match ? `variants.${used[Number(match[1])]?.i ?? 0}${match[2] ?? ''}` : field;
    errors[key === 'variants' ? 'variants.0.name' : key] = messages;
  }
  return { ok: false, errors: typedMessages(errors, values, t), values };
}

/** New content of an existing product (its kind stays). */
export function readContent(
  kind: ProductKind,
  body: unknown,
  imageIds: string[],
  t: TFunction,
): FormResult<ProductContent> {
  const values = formObject(body);
  const form = readForm(updateContentSchema, { content: { ...contentOf(kind, values), imageIds } }, t);
  if (form.ok) return { ok: true, data: form.data.content };
  return { ok: false, errors: typedMessages(form.errors, values, t), values };
}

/** One more variant of an existing product (`variant.name`, `variant.priceFen`, …), checked as the API's POST. */
export function readNewVariant(body: unknown, t: TFunction): FormResult<z.output<typeof newVariantSchema>> {
  const values = formObject(body);
  const form = readForm(newVariantSchema, variantOf(obj(values.variant)), t);
  if (form.ok) return form;
  const errors: FormErrors = {};
  for (const [field, messages] of Object.entries(form.errors)) errors[`variant.${field}`] = messages;
  return { ok: false, errors: typedMessages(errors, values, t), values };
}

/** The quick edit of a variant on the list: price in yuan and stock, checked as the API's PATCH. */
export function readQuickEdit(body: unknown, t: TFunction): FormResult<z.output<typeof updateVariantSchema>> {
  const values = formObject(body);
  const candidate: Values = {};
  if (given(values.priceFen)) candidate.priceFen = fen(values.priceFen);
  if (given(values.stock)) candidate.stock = int(values.stock);
  const form = readForm(updateVariantSchema, candidate, t);
  if (form.ok) return form;
  const errors = typedMessages(form.errors, values, t);
  if (errors._form && Object.keys(candidate).length === 0) errors.stock = [t('errors:form.required')];
  return { ok: false, errors, values };
}

/** A product's content as its edit form shows it (yuan, percent), to round-trip through readContent. */
export function contentFormValues(content: ProductContent | null): Values {
  if (!content) return {};
  const copy = JSON.parse(JSON.stringify(content)) as Values;
  if (content.kind === 'adoption' && content.attributes.atTermEnd.type === 'buy_back') {
    const end = obj(obj(copy.attributes).atTermEnd);
    end.premiumBasisPoints = fenToYuanInput(content.attributes.atTermEnd.premiumBasisPoints);
    end.floorPricePerKgFen = fenToYuanInput(content.attributes.atTermEnd.floorPricePerKgFen);
  }
  return copy;
}

/** The variant rows of the new-product form, with what was typed and the mistakes of each. */
export function variantRowsOf(values: Values, errors: FormErrors = {}) {
  const typed = rows(values.variants);
  const fields = [
    'name',
    'saleUnit',
    'netWeightGrams',
    'weightUnit',
    'priceFen',
    'stock',
    'maxPerOrder',
    'priceTiers',
    'sku',
  ];
  return Array.from({ length: VARIANT_ROWS }, (_, index) => {
    const row = typed[index] ?? {};
    const path = (name: string) => `variants.${index}.${name}`;
    const tiers = rows(row.priceTiers);
    return {
      index,
      first: index === 0,
      values: row,
      weightUnit: row.weightUnit === 'g' ? 'g' : 'jin',
      names: Object.fromEntries(fields.map((f) => [f, path(f)])),
      ids: Object.fromEntries(fields.map((f) => [f, `v${index}-${f}`])),
      errors: Object.fromEntries(fields.map((f) => [f, errors[path(f)]?.[0]])),
      hasTiers: tiers.length > 0 || Object.keys(errors).some((k) => k.startsWith(path('priceTiers'))),
      tiers: Array.from({ length: TIER_ROWS }, (_, tier) => ({
        values: tiers[tier] ?? {},
        names: { minQuantity: path(`priceTiers.${tier}.minQuantity`), priceFen: path(`priceTiers.${tier}.priceFen`) },
        ids: { minQuantity: `v${index}-t${tier}-q`, priceFen: `v${index}-t${tier}-p` },
        error: errors[path(`priceTiers.${tier}.minQuantity`)]?.[0] ?? errors[path(`priceTiers.${tier}.priceFen`)]?.[0],
      })),
    };
  });
}
