import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config';
import { MAX_CART_QUANTITY, type CartChoice } from '../../modules/orders/orders.module';
import { cookieOptions } from '../session/web-cookies';
import type { WebRequest } from '../session/web-request';

/** A guest's cart, in the browser only: `variantId:quantity` pairs, nothing else. */
export const GUEST_CART_COOKIE = 'furrow_cart';
export const MAX_GUEST_CART_LINES = 30;
const MAX_AGE_SECONDS = 30 * 86_400;

const choiceSchema = z.object({
  variantId: z.uuid(),
  quantity: z.coerce.number().int().min(1).max(MAX_CART_QUANTITY),
});

/** The cookie (or the checkout form's item list) as choices; anything malformed is dropped (it comes from the browser). */
export function parseGuestCart(raw: string | undefined, max = MAX_GUEST_CART_LINES): CartChoice[] {
  if (!raw || raw.length > 4_000) return [];
  const choices: CartChoice[] = [];
  for (const pair of raw.split(',')) {
    const [variantId, quantity] = pair.split(':');
    const parsed = choiceSchema.safeParse({ variantId, quantity });
    if (!parsed.success || choices.some((c) => c.variantId === parsed.data.variantId)) continue;
    choices.push(parsed.data);
    if (choices.length === max) break;
  }
  return choices;
}

export function serializeGuestCart(choices: CartChoice[], max = MAX_GUEST_CART_LINES): string {
  return choices
    .slice(0, max)
    .map((c) => `${c.variantId}:${c.quantity}`)
    .join(',');
}

export function guestCartOf(request: WebRequest): CartChoice[] {
  return parseGuestCart(request.cookies[GUEST_CART_COOKIE]);
}

export function saveGuestCart(reply: FastifyReply, config: AppConfig, choices: CartChoice[]): void {
  if (choices.length === 0) clearGuestCart(reply, config);
  else reply.setCookie(GUEST_CART_COOKIE, serializeGuestCart(choices), cookieOptions(config, MAX_AGE_SECONDS));
}

export function clearGuestCart(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(GUEST_CART_COOKIE, cookieOptions(config));
}
