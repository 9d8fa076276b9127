import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Region } from './entities/region.entity';
import { RegionsErrors } from './regions.errors';

/**
 * County-level rows of the GB/T 2260 dataset that are no place at all: 市辖区 ("districts
 * under the city", a statistical grouping) and 县 ("counties", the same for a municipality)
 * stand for a city's own districts as a whole. Nobody lives or farms in one; they are
 * neither offered as a choice nor accepted as a county.
 */
export const PLACEHOLDER_COUNTY_NAMES = ['市辖区', '县', '市辖县'] as const;

const isPlaceholder = (region: Region) =>
  region.level === 'county' && (PLACEHOLDER_COUNTY_NAMES as readonly string[]).includes(region.name);

/** Administrative divisions. Codes are hierarchical: a county's code starts with its city's and province's. */
@Injectable()
export class RegionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Children of `parent`, or the provinces. */
  async children(parent?: string): Promise<Region[]> {
    if (parent) await this.get(parent);
    return this.dataSource.getRepository(Region).find({
      where: { parentCode: parent ?? IsNull(), name: Not(In([...PLACEHOLDER_COUNTY_NAMES])) },
      order: { code: 'ASC' },
    });
  }

  async get(code: string): Promise<Region> {
    const region = await this.dataSource.getRepository(Region).findOneBy({ code });
    if (!region) throw RegionsErrors.notFound(code);
    return region;
  }

  /** The county with this code, or a 400 naming the code. */
  async requireCounty(code: string): Promise<Region> {
    const region = await this.dataSource.getRepository(Region).findOneBy({ code });
    if (!region || region.level !== 'county' || isPlaceholder(region)) throw RegionsErrors.notACounty(code);
    return region;
  }

  /** The region and its ancestors, nearest first (county, city, province). */
  async lineage(code: string): Promise<Region[]> {
    const chain: Region[] = [];
    let next: string | null = code;
    while (next) {
      const region = await this.get(next);
      chain.push(region);
      next = region.parentCode;
    }
    return chain;
  }

  /**
   * "广西壮族自治区 百色市 田阳区": a division with its city and province, as people name a place;
   * the code itself when the list lacks it.
   */
  async placeName(code: string): Promise<string> {
    const chain = await this.lineage(code).catch(() => []);
    return chain.length
      ? chain
          .map((r) => r.name)
          .reverse()
          .join(' ')
      : code;
  }

  /** The code prefix every division inside `code` shares (province: 2 digits, city: 4, county: 6). */
  async prefixOf(code: string): Promise<string> {
    const region = await this.get(code);
    return region.level === 'province' ? code.slice(0, 2) : region.level === 'city' ? code.slice(0, 4) : code;
  }

  /** Names of many regions by code, in one query. */
  async names(codes: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const regions = await this.dataSource.getRepository(Region).findBy({ code: In(unique) });
    return new Map(regions.map((r) => [r.code, r.name]));
  }
}
