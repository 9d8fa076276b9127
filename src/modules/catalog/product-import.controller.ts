import { Controller, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { ApiResult } from '../../common/http/openapi';
import { storeParamSchema } from './dto/product.dto';
import { CSV_COLUMNS, parseProductCsv } from './product-csv';
import { SellerProductsService } from './seller-products.service';

const importResultSchema = z.object({
  imported: z.number().int(),
  variants: z.number().int(),
  productIds: z.array(z.uuid()),
});

@ApiTags('seller')
@ApiBearerAuth()
@Controller('seller/stores/:sellerId/products/import')
export class ProductImportController {
  constructor(private readonly products: SellerProductsService) {}

  /**
   * Bulk import from CSV (UTF-8, multipart field `file`), one row per variant. Every row is
   * checked; errors come back per row (400 CSV_INVALID) and nothing is imported unless all
   * rows pass. Products arrive as drafts, to submit for review.
   */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: `Columns: ${CSV_COLUMNS.join(', ')}`,
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiResult(201, importResultSchema, [400, 401, 404, 409, 413, 422])
  @UseInterceptors(FileInterceptor('file'))
  async import(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeParamSchema }) p: z.infer<typeof storeParamSchema>,
    @UploadedFile() file: UploadedMultipartFile | undefined,
  ) {
    if (!file?.buffer) throw new DomainError('validation', 'CSV_REQUIRED', 'Send the CSV as multipart field `file`');
    const created = await this.products.createMany(actor, p.sellerId, parseProductCsv(file.buffer));
    return {
      imported: created.length,
      variants: created.reduce((n, c) => n + c.variants.length, 0),
      productIds: created.map((c) => c.product.id),
    };
  }
}
