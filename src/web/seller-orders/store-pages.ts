import { NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import type { Actor } from '../../common/auth/auth.decorators';
import type { WebRequest } from '../session/web-request';

const uuid = z.uuid();

/**
 * The signed-in person as the modules' services know a caller. Pages have no API session;
 * the services read only the id and roles (access is checked by SellerAccess, as for the API).
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

/** The base path of a store's seller pages. */
export const storePath = (storeId: string) => `/seller/stores/${storeId}`;

/** `138 0013 8000` from `+8613800138000`, as people read a mobile number; anything else as it is. */
export function phoneShown(phone: string): string {
  const match = /^(?:\+86)?(1\d{2})(\d{4})(\d{4})$/.exec(phone);
  return match ? `${match[1]} ${match[2]} ${match[3]}` : phone;
}

/** A delivery address as the seller pages show it: the county's names and the number spaced. */
export function addressShown<A extends { phone: string }>(address: A, place: string) {
  return { ...address, place, phoneShown: phoneShown(address.phone) };
}
