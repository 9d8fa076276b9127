import { Module, type Type } from '@nestjs/common';
import { WebCoreModule } from '../web-core.module';

export const SELLER_CONTROLLERS: Type[] = [];

/** A farmer's store: the application and its review, products with guided forms, photos, CSV import. */
@Module({ imports: [WebCoreModule], controllers: SELLER_CONTROLLERS })
export class SellerPagesModule {}
