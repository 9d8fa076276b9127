import { Module } from '@nestjs/common';
import { RegionsModule } from '../../modules/regions/regions.module';
import { WebCoreModule } from '../web-core.module';
import { RegionPickerController } from './region-picker.controller';
import { RegionPicker } from './region-picker.service';

export const REGIONS_CONTROLLERS = [RegionPickerController];

/** The province → city → county picker shared by every form that asks for a place. */
@Module({
  imports: [WebCoreModule, RegionsModule],
  controllers: REGIONS_CONTROLLERS,
  providers: [RegionPicker],
  exports: [RegionPicker],
})
export class RegionsPagesModule {}
