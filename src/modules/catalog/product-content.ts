import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();
const rangeCheck = { message: 'from must not be after to', path: ['to'] };
const gramRange = z
  .strictObject({ from: z.number().int().positive().max(10_000), to: z.number().int().positive().max(10_000) })
  .refine((r) => r.from <= r.to, rangeCheck);
const dateRange = z.strictObject({ from: isoDate, to: isoDate }).refine((r) => r.from <= r.to, rangeCheck);

export const PRODUCT_KINDS = ['produce', 'tea', 'adoption', 'other'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const CERTIFICATE_TYPES = ['compliance_certificate', 'green', 'organic', 'geographical_indication'] as const;

/** Traceability facts every product carries. `compliance_certificate` is the 承诺达标合格证. */
export const traceabilitySchema = z.strictObject({
  originVillage: text(120),
  certificates: z
    .array(z.strictObject({ type: z.enum(CERTIFICATE_TYPES), number: text(64) }))
    .max(10)
    .default([]),
});

export const produceAttributesSchema = z.strictObject({
  variety: text(40).describe('e.g. 桂七, 台农一号, 金煌'),
  grade: text(20).describe('e.g. 特级, 一级'),
  fruitSizeGrams: gramRange.optional(),
  harvestWindow: dateRange.optional(),
  shipsWithinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  storageClass: z.enum(['ambient', 'chilled', 'frozen']),
  preSale: z.strictObject({ shipsFrom: isoDate }).nullable().default(null),
});

export const TEA_SEASONS = ['mingqian', 'yuqian', 'summer', 'autumn'] as const; // 明前, 雨前, 夏, 秋
export const teaAttributesSchema = z.strictObject({
  harvestSeason: z.enum(TEA_SEASONS),
  batchNumber: text(40),
  grade: text(20),
  productionDate: isoDate,
  shelfLifeMonths: z.number().int().min(1).max(120),
  geographicalIndicationNumber: text(64).optional(),
});

export const ADOPTION_SPECIES = ['cattle', 'sheep', 'pig', 'fruit_tree', 'tea_row'] as const;
export const adoptionAttributesSchema = z.strictObject({
  species: z.enum(ADOPTION_SPECIES),
  breed: text(40),
  termMonths: z.number().int().min(1).max(120),
  evidenceIntervalDays: z.number().int().min(1).max(365),
  atTermEnd: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('buy_back'),
      premiumBasisPoints: z.number().int().min(0).max(10_000).describe('over the market index'),
      floorPricePerKgFen: z.number().int().positive(),
    }),
    z.strictObject({ type: z.literal('delivery') }),
  ]),
  insurance: z
    .strictObject({ insurer: text(60), policyNote: text(300) })
    .nullable()
    .default(null),
  maxPerAdopter: z.number().int().min(1).max(100),
});

export const otherAttributesSchema = z.strictObject({}).default({});

const common = {
  title: text(80),
  description: z.string().trim().max(5000).default(''),
  traceability: traceabilitySchema,
  imageIds: z.array(z.uuid()).max(9).default([]).describe('Uploaded through POST /api/v1/media/images'),
};

/** What a seller writes about a product; reviewed before buyers see it. */
export const productContentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('produce'), ...common, attributes: produceAttributesSchema }),
  z.strictObject({ kind: z.literal('tea'), ...common, attributes: teaAttributesSchema }),
  z.strictObject({ kind: z.literal('adoption'), ...common, attributes: adoptionAttributesSchema }),
  z.strictObject({ kind: z.literal('other'), ...common, attributes: otherAttributesSchema }),
]);
export type ProductContent = z.infer<typeof productContentSchema>;

/**
 * Words that present an adoption as an investment. Adoption is buying the raising of an
 * animal or a tree, not a financial product: promising returns is refused.
 */
const INVESTMENT_CLAIMS = [
  '保本',
  '保息',
  '年化',
  '固定收益',
  '稳赚',
  '高回报',
  '高收益',
  '稳定收益',
  '无风险',
  '零风险',
  '收益率',
  '理财',
  '分红',
  'guaranteed return',
  'guaranteed profit',
  'fixed return',
  'risk-free',
  'risk free',
  'annualized',
  'annualised',
  'high return',
  'roi',
];

export function assertNoInvestmentClaims(content: ProductContent): void {
  if (content.kind !== 'adoption') return;
  const haystack = JSON.stringify([content.title, content.description, content.attributes]).toLowerCase();
  const found = INVESTMENT_CLAIMS.filter((claim) =>
    /^[a-z -]+$/.test(claim) ? new RegExp(`\\b${claim}\\b`).test(haystack) : haystack.includes(claim),
  );
  if (found.length > 0) {
    throw new DomainError(
      'unprocessable',
      'PROHIBITED_INVESTMENT_CLAIM',
      'Adoption plans may not promise investment returns',
      { found },
    );
  }
}
