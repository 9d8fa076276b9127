import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import { Image } from './entities/image.entity';
import { MediaErrors } from './media.errors';
import { MediaStorage } from './storage/media-storage';

const WIDTHS = [320, 640, 1280];
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif']);
// About 50 megapixels: larger is no phone photo, and decoding it would cost too much memory.
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Photos of stores and products. The type is read from the bytes (never from the name or
 * header), the image is re-encoded (EXIF and other metadata dropped, orientation applied),
 * and stored as WebP in a few widths. Furrow never fetches an image from a URL.
 */
@Injectable()
export class MediaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: MediaStorage,
  ) {}

  async upload(ownerId: string, bytes: Buffer): Promise<Image> {
    const metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .metadata()
      .catch(() => null);
    if (!metadata?.format || !ACCEPTED_FORMATS.has(metadata.format) || !metadata.width || !metadata.height) {
      throw MediaErrors.unsupported();
    }
    const upright = (metadata.orientation ?? 1) >= 5; // EXIF orientations 5–8 swap width and height
    const width = upright ? metadata.height : metadata.width;
    const height = upright ? metadata.width : metadata.height;
    const widths = WIDTHS.filter((w) => w <= width);
    if (widths.length === 0) widths.push(width);

    const image = this.dataSource.getRepository(Image).create({ ownerId, width, height, widths });
    image.id = crypto.randomUUID();
    for (const w of widths) {
      const webp = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize({ width: w, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      await this.storage.put(keyOf(image.id, w), webp, 'image/webp');
    }
    // The row last: an image the database knows always has its files.
    return this.dataSource.getRepository(Image).save(image);
  }

  async open(id: string, width: number): Promise<Readable> {
    const image = await this.dataSource.getRepository(Image).findOneBy({ id });
    if (!image || !image.widths.includes(width)) throw MediaErrors.notFound();
    const stream = await this.storage.get(keyOf(id, width));
    if (!stream) throw MediaErrors.notFound();
    return stream;
  }

  async get(id: string): Promise<Image> {
    const image = await this.dataSource.getRepository(Image).findOneBy({ id });
    if (!image) throw MediaErrors.notFound();
    return image;
  }

  /** Images a store may show: uploaded by one of `ownerIds` (the actor, the store's owner). */
  async assertUsable(imageIds: string[], ownerIds: string[]): Promise<void> {
    if (imageIds.length === 0) return;
    const ids = imageIds.filter(isUuid);
    const found = ids.length
      ? await this.dataSource.getRepository(Image).findBy({ id: In(ids), ownerId: In(ownerIds) })
      : [];
    const missing = imageIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw MediaErrors.notUsable(missing);
  }

  async describe(
    imageIds: string[],
  ): Promise<Array<{ id: string; width: number; height: number; urls: Record<string, string> }>> {
    const ids = imageIds.filter(isUuid);
    if (ids.length === 0) return [];
    const images = await this.dataSource.getRepository(Image).findBy({ id: In(ids) });
    return imageIds
      .map((id) => images.find((i) => i.id === id))
      .filter((i): i is Image => Boolean(i))
      .map(toImageResponse);
  }
}

/** Ids that come from a form may be anything: only a uuid is looked up (the column is uuid). */
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export function keyOf(id: string, width: number): string {
  return `images/${id}/${width}.webp`;
}

export function toImageResponse(image: Image) {
  return {
    id: image.id,
    width: image.width,
    height: image.height,
    urls: Object.fromEntries(image.widths.map((w) => [String(w), `/api/v1/media/images/${image.id}/${w}.webp`])),
  };
}
