import { DomainError } from '../../common/errors/domain-error';
import { idParam } from './operator-forms';

/** A malformed id in the address is simply a page that does not exist. */
export function pageId(id: string): string {
  if (!idParam.safeParse(id).success) throw new DomainError('not_found', 'NOT_FOUND', 'Page not found');
  return id;
}

/** Photos as the templates take them: the urls by width, and the size of the original. */
export type Photo = { id: string; width: number; height: number; urls: Record<string, string> };
