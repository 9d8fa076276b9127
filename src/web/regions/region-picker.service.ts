import { Injectable } from '@nestjs/common';
import { RegionsService } from '../../modules/regions/regions.service';

export interface RegionOption {
  code: string;
  name: string;
  selected: boolean;
}

/** What the `regions/picker` partial draws: three selects, filled as far as the choice goes. */
export interface RegionPickerData {
  /** The form field of the chosen code (a county code in a form; the deepest code in a filter). */
  name: string;
  /** `county`: only a county counts (addresses, a farm's origin); `any`: a filter, any level. */
  mode: 'county' | 'any';
  label: string;
  required: boolean;
  provinces: RegionOption[];
  cities: RegionOption[];
  counties: RegionOption[];
  /** The path the selects are re-drawn from (htmx) and the no-JS refresh button's GET target. */
  refreshAction: string;
  /** What htmx sends back to re-draw the picker (`hx-vals`), as JSON. */
  hxVals: string;
}

/** The names of the two upper selects: leading `_`, so formObject (forms/form.ts) leaves them out. */
export const provinceField = (name: string) => `_province:${name}`;
export const cityField = (name: string) => `_city:${name}`;

/**
 * The province → city → county picker every form shares (checkout addresses, a store's
 * origin, search filters). Without JavaScript, the form is sent back to its page (GET) to
 * fill the next select; with htmx, the picker re-draws itself when a select changes.
 */
@Injectable()
export class RegionPicker {
  constructor(private readonly regions: RegionsService) {}

  /**
   * The picker for `values` (a form's fields or a query): the chosen code in `values[name]`,
   * the upper choices in `_province:<name>` and `_city:<name>`. A lower choice outside the
   * upper one is dropped (the province changed).
   */
  async build(
    values: Record<string, unknown>,
    options: { name: string; mode: 'county' | 'any'; label: string; required?: boolean; refreshAction: string },
  ): Promise<RegionPickerData> {
    const { province, city, county } = await this.choices(values, options.name);
    const mark = (chosen: string | undefined) => (r: { code: string; name: string }) => ({
      code: r.code,
      name: r.name,
      selected: r.code === chosen,
    });
    return {
      name: options.name,
      mode: options.mode,
      label: options.label,
      required: options.required ?? false,
      refreshAction: options.refreshAction,
      hxVals: JSON.stringify({
        name: options.name,
        mode: options.mode,
        label: options.label,
        required: String(options.required ?? false),
        refreshAction: options.refreshAction,
      }),
      provinces: (await this.regions.children()).map(mark(province)),
      cities: province ? (await this.regions.children(province)).map(mark(city)) : [],
      counties: city ? (await this.regions.children(city)).map(mark(county)) : [],
    };
  }

  /** The deepest code chosen (for a filter: a province, a city or a county), if any. */
  async chosen(values: Record<string, unknown>, name: string): Promise<string | undefined> {
    const { province, city, county } = await this.choices(values, name);
    return county ?? city ?? province;
  }

  private async choices(
    values: Record<string, unknown>,
    name: string,
  ): Promise<{ province?: string; city?: string; county?: string }> {
    const code = (key: string) => {
      const value = values[key];
      return typeof value === 'string' && /^\d{6}$/.test(value) ? value : undefined;
    };
    let province = code(provinceField(name));
    let city = code(cityField(name));
    let county = code(name);
    // A county or city given alone (an edit form, a saved address): its ancestors follow from it.
    const deepest = county ?? city;
    if (deepest && !province) {
      const lineage = await this.regions.lineage(deepest).catch(() => []);
      province = lineage.find((r) => r.level === 'province')?.code;
      city = lineage.find((r) => r.level === 'city')?.code ?? city;
      if (lineage[0]?.level === 'city') county = undefined;
    }
    if (city && (!province || !city.startsWith(province.slice(0, 2)))) city = undefined;
    if (county && (!city || !county.startsWith(city.slice(0, 4)))) county = undefined;
    if (county) {
      const region = await this.regions.get(county).catch(() => undefined);
      if (region?.level !== 'county') county = undefined;
    }
    return { province, city, county };
  }
}
