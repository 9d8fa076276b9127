import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded photo, re-encoded as WebP in a few widths; the original bytes are not kept. */
@Entity('images')
export class Image {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('images_owner_idx')
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  /** The widths stored, ascending. */
  @Column({ type: 'int', array: true })
  widths: number[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
