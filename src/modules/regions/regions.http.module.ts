import { Module } from '@nestjs/common';
import { RegionsController } from './regions.controller';
import { RegionsModule } from './regions.module';

@Module({ imports: [RegionsModule], controllers: [RegionsController] })
export class RegionsHttpModule {}
