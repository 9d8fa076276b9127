import { FilesInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import type { MediaService } from '../../modules/media/media.service';
import type { WebUser } from '../session/web-request';

/**
 * The signed-in person as the services know a caller. Pages sign in by cookie, not by an
 * access token, so there is no token session to name; no seller or catalog rule reads it.
 */
export function actorOf(user: WebUser): Actor {
  return { id: user.id, roles: user.roles, sessionId: 'web' };
}

/** A store or product takes at most nine photos (the API's `photoIds` / `imageIds` limit). */
export const MAX_PHOTOS = 9;

/** The photo input of a multipart form (`<input type="file" name="photos" multiple>`), with its text fields in the body. */
export const PhotosInterceptor = () => FilesInterceptor('photos', MAX_PHOTOS);

/**
 * Stores the photos sent with a form (straight from the phone's camera) and returns their ids,
 * after the ids the form already carried. A photo that is no image is an error on `photos`.
 */
export async function uploadPhotos(
  media: MediaService,
  ownerId: string,
  files: UploadedMultipartFile[] | undefined,
  kept: string[],
): Promise<{ ids: string[]; error?: DomainError }> {
  const ids = [...kept];
  for (const file of files ?? []) {
    if (!file.buffer || file.size === 0) continue;
    if (ids.length >= MAX_PHOTOS) break;
    try {
      ids.push((await media.upload(ownerId, file.buffer)).id);
    } catch (error) {
      if (error instanceof DomainError) return { ids, error };
      throw error;
    }
  }
  return { ids };
}

/** One or many values of a repeated form field, as a list. */
export function listOf(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}
