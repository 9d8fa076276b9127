import { Module } from '@nestjs/common';
import { RegionsService } from './regions.service';

@Module({ providers: [RegionsService], exports: [RegionsService] })
export class RegionsModule {}

// What other modules may use besides RegionsService (docs/dependency-rules.md).
export { regionCodeSchema } from './dto/region.response';
