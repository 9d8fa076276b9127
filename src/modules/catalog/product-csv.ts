import { parse } from 'csv-parse/sync';

import { DomainError } from '../../common/errors/domain-error';
import { findUnstorableText } from '../../common/http/storable-text';
import { CreateProductDto, createProductSchema } from './dto/product.dto';

/**
 * The bulk-import format: one row per variant, rows of one product sharing `product_ref`
 * (its product columns are read from its first row). Prices are in yuan with at most two
 * decimals; produce and tea attributes have their own columns, other kinds use
 * `attributes_json`.
 */
export const CSV_COLUMNS = [
  'product_ref',
  'kind',
  'title',
  'description',
  'origin_village',
  'certificate_type',
  'certificate_number',
  'variety',
  'grade',
  'ships_within_hours',
  'storage_class',
  'pre_sale_ships_from',
  'harvest_season',
  'batch_number',
  'production_date',
  'shelf_life_months',
  'gi_number',
  'attributes_json',
  'variant_name',
  'sale_unit',
  'net_weight_grams',
  'price_yuan',
  'stock',
  'min_order_quantity',
  'max_per_order',
  'sku',
] as const;
type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

export interface RowError {
  row: number;
  errors: Array<{ field: string; message: string }>;
}

export const MAX_IMPORT_ROWS = 1000;

/** Parses and validates the whole file; returns products only when every row is valid. */
export function parseProductCsv(csv: Buffer): CreateProductDto[] {
  let rows: Row[];
  try {
    rows = parse(csv, { columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new DomainError('validation', 'CSV_UNREADABLE', `The file is not valid CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new DomainError('validation', 'CSV_EMPTY', 'The file has no rows');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError('validation', 'CSV_TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} rows per file`);
  }
  const unknown = Object.keys(rows[0]).filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new DomainError('validation', 'CSV_UNKNOWN_COLUMNS', 'The file has columns Furrow does not know', {
      unknown,
      expected: CSV_COLUMNS,
    });
  }

  // Group rows by product, remembering each row's line number (the header is line 1).
  const groups = new Map<string, Array<{ line: number; row: Row }>>();
  rows.forEach((row, i) => {
    const ref = row.product_ref || `line-${i + 2}`;
    groups.set(ref, [...(groups.get(ref) ?? []), { line: i + 2, row }]);
  });

  const errors: RowError[] = [];
  const products: CreateProductDto[] = [];
  for (const group of groups.values()) {
    const unstorable = unstorableCells(group);
    if (unstorable.length > 0) {
      errors.push(...unstorable);
      continue;
    }
    const candidate = { content: contentOf(group[0].row), variants: group.map((g) => variantOf(g.row)) };
    // attributes_json may spell NUL or a lone surrogate as a JSON escape.
    if (findUnstorableText(candidate)) {
      errors.push({ row: group[0].line, errors: [{ field: 'attributes_json', message: UNSTORABLE }] });
      continue;
    }
    const parsed = createProductSchema.safeParse(candidate);
    if (parsed.success) {
      products.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const [head, index, ...rest] = issue.path.map(String);
      const line = head === 'variants' ? (group[Number(index)]?.line ?? group[0].line) : group[0].line;
      const path = head === 'variants' ? rest.join('.') : [head, index, ...rest].filter(Boolean).join('.');
      const field = COLUMN_OF_FIELD[path] ?? path;
      const entry = errors.find((e) => e.row === line) ?? { row: line, errors: [] };
      if (!errors.includes(entry)) errors.push(entry);
      entry.errors.push({ field, message: issue.message });
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw new DomainError('validation', 'CSV_INVALID', 'Some rows are not valid; nothing was imported', {
      rows: errors,
    });
  }
  return products;
}

const UNSTORABLE = 'contains a NUL character or an unpaired surrogate';

/** Cells PostgreSQL could not store, by line and column (the pipe checks JSON bodies; a file is checked here). */
function unstorableCells(group: Array<{ line: number; row: Row }>): RowError[] {
  return group.flatMap(({ line, row }) => {
    const fields = Object.entries(row)
      .filter(([, cell]) => findUnstorableText(cell) !== null)
      .map(([column]) => ({ field: column, message: UNSTORABLE }));
    return fields.length > 0 ? [{ row: line, errors: fields }] : [];
  });
}

/** The CSV column behind a field of the product schema, to name it in errors. */
const COLUMN_OF_FIELD: Record<string, string> = {
  'content.kind': 'kind',
  'content.title': 'title',
  'content.description': 'description',
  'content.traceability.originVillage': 'origin_village',
  'content.traceability.certificates.0.type': 'certificate_type',
  'content.traceability.certificates.0.number': 'certificate_number',
  'content.attributes.variety': 'variety',
  'content.attributes.grade': 'grade',
  'content.attributes.shipsWithinHours': 'ships_within_hours',
  'content.attributes.storageClass': 'storage_class',
  'content.attributes.preSale.shipsFrom': 'pre_sale_ships_from',
  'content.attributes.harvestSeason': 'harvest_season',
  'content.attributes.batchNumber': 'batch_number',
  'content.attributes.productionDate': 'production_date',
  'content.attributes.shelfLifeMonths': 'shelf_life_months',
  'content.attributes.geographicalIndicationNumber': 'gi_number',
  'content.attributes': 'attributes_json',
  name: 'variant_name',
  saleUnit: 'sale_unit',
  netWeightGrams: 'net_weight_grams',
  priceFen: 'price_yuan',
  stock: 'stock',
  minOrderQuantity: 'min_order_quantity',
  maxPerOrder: 'max_per_order',
  sku: 'sku',
};

function contentOf(row: Row): Record<string, unknown> {
  return {
    kind: row.kind,
    title: row.title,
    description: row.description ?? '',
    traceability: {
      originVillage: row.origin_village,
      certificates: row.certificate_type ? [{ type: row.certificate_type, number: row.certificate_number }] : [],
    },
    attributes: attributesOf(row),
  };
}

function attributesOf(row: Row): unknown {
  if (row.kind === 'produce') {
    return {
      variety: row.variety,
      grade: row.grade,
      shipsWithinHours: int(row.ships_within_hours),
      storageClass: row.storage_class,
      preSale: row.pre_sale_ships_from ? { shipsFrom: row.pre_sale_ships_from } : null,
    };
  }
  if (row.kind === 'tea') {
    return {
      harvestSeason: row.harvest_season,
      batchNumber: row.batch_number,
      grade: row.grade,
      productionDate: row.production_date,
      shelfLifeMonths: int(row.shelf_life_months),
      ...(row.gi_number ? { geographicalIndicationNumber: row.gi_number } : {}),
    };
  }
  try {
    return row.attributes_json ? JSON.parse(row.attributes_json) : {};
  } catch {
    return 'attributes_json is not valid JSON';
  }
}

function variantOf(row: Row): Record<string, unknown> {
  return {
    name: row.variant_name,
    saleUnit: row.sale_unit,
    netWeightGrams: row.net_weight_grams ? int(row.net_weight_grams) : null,
    priceFen: yuanToFen(row.price_yuan),
    stock: int(row.stock),
    minOrderQuantity: row.min_order_quantity ? int(row.min_order_quantity) : undefined,
    maxPerOrder: row.max_per_order ? int(row.max_per_order) : null,
    sku: row.sku || null,
  };
}

/** Whole numbers only; anything else is passed through for the schema to report. */
function int(value: string | undefined): unknown {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}

/** "59.9" → 5990, exactly (no floating point); anything else is passed through for the schema to report. */
export function yuanToFen(value: string | undefined): unknown {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(value ?? '');
  if (!match) return value === undefined || value === '' ? undefined : `${value} (price_yuan: e.g. 59.90)`;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
