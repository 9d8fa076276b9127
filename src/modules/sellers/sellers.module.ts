import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { AssistanceService } from './assistance.service';
import { SellerAccess } from './seller-access.service';
import { SellerReviewService } from './seller-review.service';
import { SellersRepository } from './sellers.repository';
import { SellersService } from './sellers.service';

@Module({
  imports: [UsersModule, RegionsModule, MediaModule],
  providers: [SellersRepository, SellerAccess, SellersService, SellerReviewService, AssistanceService],
  exports: [SellersService, SellerAccess, SellerReviewService, AssistanceService],
})
export class SellersModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { applySellerSchema } from './dto/seller.dto';
export { CONSENT_STATEMENT } from './assistance.service';
