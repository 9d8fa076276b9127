import type { Readable } from 'node:stream';

/** Where image bytes live: local disk by default, any S3-compatible store by config. */
export abstract class MediaStorage {
  abstract put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when it does not exist. */
  abstract get(key: string): Promise<Readable | null>;
}
