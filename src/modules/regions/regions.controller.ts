import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { regionListSchema, regionQuerySchema, toRegionResponse } from './dto/region.response';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Public()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** Provinces, or the children of `parent`. */
  @Get()
  @ApiResult(200, regionListSchema, [400, 404])
  async list(@Query({ schema: regionQuerySchema }) query: z.infer<typeof regionQuerySchema>) {
    return { items: (await this.regions.children(query.parent)).map(toRegionResponse) };
  }
}
