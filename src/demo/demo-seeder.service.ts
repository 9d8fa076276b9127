import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../modules/auth/password-hasher';
import { createProductSchema } from '../modules/catalog/dto/product.dto';
import { ProductReviewService } from '../modules/catalog/product-review.service';
import { SellerProductsService } from '../modules/catalog/seller-products.service';
import { shippingPolicySchema } from '../modules/orders/dto/orders.dto';
import { ShippingPoliciesService } from '../modules/orders/shipping-policies.service';
import { applySellerSchema } from '../modules/sellers/dto/seller.dto';
import { SellerReviewService } from '../modules/sellers/seller-review.service';
import { SellersService } from '../modules/sellers/sellers.service';
import { MediaService } from '../modules/media/media.service';
import type { Role } from '../common/auth/roles';
import { CohortsService } from '../modules/training/cohorts.service';
import { UsersService } from '../modules/users/users.service';
import { LiveItemsService } from '../modules/livestreams/live-items.service';
import { LiveSessionsService } from '../modules/livestreams/live-sessions.service';
import { demoCohort } from './demo-cohort';
import { demoLiveSession } from './demo-live-session';
import { demoPhoto } from './demo-photos';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_STORES } from './demo-catalog';

/**
 * Fills an empty Furrow with the demo marketplace, through the real services. Idempotent:
 * an account that exists is reused and a demo owner who has a store is skipped.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly sellers: SellersService,
    private readonly sellerReview: SellerReviewService,
    private readonly products: SellerProductsService,
    private readonly productReview: ProductReviewService,
    private readonly shipping: ShippingPoliciesService,
    private readonly media: MediaService,
    private readonly cohorts: CohortsService,
    private readonly liveSessions: LiveSessionsService,
    private readonly liveItems: LiveItemsService,
  ) {}

  async seed(): Promise<{ stores: number; products: number }> {
    if (this.config.env === 'production') throw new Error('the demo data is not for production (NODE_ENV=production)');
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const admin = await this.account(DEMO_ADMIN_EMAIL, '演示管理员', ['buyer', 'admin'], passwordHash);
    for (const person of DEMO_PEOPLE) {
      const actor = await this.account(person.email, person.displayName, ['buyer', ...person.roles], passwordHash);
      if (person.roles.includes('trainer')) await this.cohort(actor);
    }
    let stores = 0;
    let products = 0;
    for (const demo of DEMO_STORES) {
      const owner = await this.account(demo.ownerEmail, demo.ownerName, ['buyer'], passwordHash);
      if ((await this.sellers.listManaged(owner)).length > 0) continue;
      const store = await this.sellers.apply(owner, applySellerSchema.parse(demo.store));
      await this.sellerReview.approve(admin.id, store.id);
      const seller = { ...owner, roles: [...owner.roles, 'seller' as const] };
      await this.shipping.set(seller, store.id, shippingPolicySchema.parse(demo.shipping));
      const variants: Array<{ id: string; priceFen: number }> = [];
      for (const product of demo.products) {
        const kind = String(product.content.kind);
        const photo = await this.media.upload(owner.id, await demoPhoto(kind, products + 1));
        const content = { ...product.content, imageIds: [photo.id] };
        const created = await this.products.create(
          seller,
          store.id,
          createProductSchema.parse({ ...product, content }),
        );
        await this.products.submit(seller, store.id, created.product.id);
        await this.productReview.approve(admin.id, created.product.id);
        variants.push(...created.variants.map((v) => ({ id: v.id, priceFen: v.priceFen })));
        products++;
      }
      // The first store (the mango co-op) has a livestream scheduled tonight, an item pinned.
      if (stores === 0 && variants[0]) {
        const { session, item } = demoLiveSession(new Date(), store.id, variants[0]);
        const scheduled = await this.liveSessions.create(seller, session);
        await this.liveItems.pin(seller, scheduled.id, item);
      }
      stores++;
    }
    this.logger.log({ stores, products }, 'demo data in place');
    return { stores, products };
  }

  /** True when no store exists yet: `npm start` seeds only then. */
  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM sellers');
    return n === 0;
  }

  /** The trainer's open cohort, unless the trainer has one already. */
  private async cohort(trainer: Actor): Promise<void> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM cohorts WHERE trainer_id = $1', [
      trainer.id,
    ]);
    if (n > 0) return;
    const { cohort, sessions } = demoCohort(new Date());
    const created = await this.cohorts.create(trainer, cohort);
    for (const session of sessions) await this.cohorts.addSession(trainer, created.id, session);
    await this.cohorts.open(trainer, created.id);
  }

  private async account(email: string, displayName: string, roles: Role[], passwordHash: string): Promise<Actor> {
    const existing = await this.users.findByLogin({ email });
    const user =
      existing ??
      (await this.dataSource.transaction((em) => this.users.create(em, { email, displayName, passwordHash, roles })));
    return { id: user.id, roles: user.roles, sessionId: 'demo-seed' };
  }
}
