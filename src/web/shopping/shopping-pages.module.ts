import { Module, type Type } from '@nestjs/common';
import { WebCoreModule } from '../web-core.module';

export const SHOPPING_CONTROLLERS: Type[] = [];

/** What buyers do with what they chose: the cart, checkout, their orders and parcels. */
@Module({ imports: [WebCoreModule], controllers: SHOPPING_CONTROLLERS })
export class ShoppingPagesModule {}
