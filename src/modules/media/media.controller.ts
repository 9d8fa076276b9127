import { Controller, Get, Header, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { MediaErrors } from './media.errors';
import { MediaService, toImageResponse } from './media.service';

export const imageResponseSchema = z.object({
  id: z.uuid(),
  width: z.number().int(),
  height: z.number().int(),
  urls: z.record(z.string(), z.string()).describe('WebP renditions by width'),
});
const imageFileParamSchema = z.strictObject({
  id: z.uuid(),
  file: z.string().regex(/^\d{2,4}\.webp$/, 'must be <width>.webp'),
});

@ApiTags('media')
@Controller('media/images')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /** Upload a photo (multipart field `file`); use its id in a store's or product's `imageIds`. */
  @Post()
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResult(201, imageResponseSchema, [400, 401, 413, 422])
  @UseInterceptors(FileInterceptor('file'))
  async upload(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedMultipartFile | undefined) {
    if (!file?.buffer) throw MediaErrors.missingFile();
    return toImageResponse(await this.media.upload(actor.id, file.buffer));
  }

  @Public()
  @Get(':id/:file')
  @Header('content-type', 'image/webp')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  @ApiResult(200, null, [400, 404])
  async file(@Param({ schema: imageFileParamSchema }) p: z.infer<typeof imageFileParamSchema>) {
    return this.media.open(p.id, Number(p.file.slice(0, -'.webp'.length)));
  }
}
