import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RegionLevel = 'province' | 'city' | 'county';

/** China's administrative divisions (GB/T 2260), loaded from data/regions.json by a migration. */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  pinyin: string;

  @Column({ type: 'text' })
  level: RegionLevel;

  @Index('regions_parent_idx')
  @Column({ type: 'char', length: 6, nullable: true })
  parentCode: string | null;
}
