import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../../modules/auth/auth.service';
import { CartService } from '../../modules/orders/cart.service';
import { clearGuestCart, GUEST_CART_COOKIE, parseGuestCart } from '../shopping/guest-cart';
import { cookieOptions } from './web-cookies';
import { SESSION_COOKIE, type WebRequest } from './web-request';

/** Browser logins: the HttpOnly session cookie, set once a person proved who they are. */
@Injectable()
export class WebSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly carts: CartService,
  ) {}

  /**
   * Any proof will do (password, phone code, a new registration); the caller checked it.
   * What the person put in the cart as a guest (the `furrow_cart` cookie of this request)
   * joins their account's cart, and the cookie is cleared.
   */
  async signIn(reply: FastifyReply, userId: string): Promise<void> {
    // A login already in this browser (someone else's, on a shared phone) ends here.
    const previous = reply.request.cookies?.[SESSION_COOKIE];
    if (previous && previous.length <= 100) await this.auth.endWebSession(previous);
    const session = await this.auth.startWebSession(userId);
    const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(this.config, maxAge));
    const guestCart = parseGuestCart(reply.request.cookies?.[GUEST_CART_COOKIE]);
    if (guestCart.length > 0) {
      await this.carts.merge(userId, guestCart);
      clearGuestCart(reply, this.config);
    }
  }

  async signOut(request: WebRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token && token.length <= 100) await this.auth.endWebSession(token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(this.config));
  }
}
