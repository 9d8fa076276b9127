import { NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import type { Actor } from '../../common/auth/auth.decorators';
import type { WebRequest } from './web-request';

const uuid = z.uuid();

/**
 * The signed-in person as the modules' services know a caller. Pages have no API session; the
 * services read only the id and roles (access is checked by the services, as for the API).
 */
export function actorOf(request: WebRequest): Actor {
  const user = request.web.user!;
  return { id: user.id, roles: user.roles, sessionId: 'web' };
}

/** An id from the path; anything that is not one is a plain "not found" page. */
export function idParam(value: string): string {
  if (!uuid.safeParse(value).success) throw new NotFoundException();
  return value;
}
