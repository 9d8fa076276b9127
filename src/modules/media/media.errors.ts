import { DomainError } from '../../common/errors/domain-error';

export const MediaErrors = {
  unsupported: () =>
    new DomainError('unprocessable', 'UNSUPPORTED_IMAGE', 'The file is not a JPEG, PNG, WebP or AVIF/HEIF image'),
  tooLarge: (maxBytes: number) =>
    new DomainError('validation', 'IMAGE_TOO_LARGE', `Images may be at most ${maxBytes} bytes`, { maxBytes }),
  missingFile: () => new DomainError('validation', 'IMAGE_REQUIRED', 'Send the image as multipart field `file`'),
  notFound: () => new DomainError('not_found', 'IMAGE_NOT_FOUND', 'Image not found'),
  notUsable: (ids: string[]) =>
    new DomainError('validation', 'IMAGE_NOT_FOUND', 'Some images do not exist or were uploaded by someone else', {
      ids,
    }),
};
