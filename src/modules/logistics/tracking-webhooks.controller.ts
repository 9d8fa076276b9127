import { Controller, Headers, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { TrackingWebhooks } from './tracking-webhooks.service';

const providerParamSchema = z.strictObject({ provider: z.string().regex(/^[a-z0-9-]{1,40}$/) });

@ApiTags('logistics')
@Controller('logistics/webhooks')
export class TrackingWebhooksController {
  constructor(private readonly webhooks: TrackingWebhooks) {}

  /**
   * A tracking provider pushes a parcel's new steps. Headers: `X-Furrow-Timestamp` (Unix
   * seconds) and `X-Furrow-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
   * Stored once by its `id` (a repeat answers `duplicate: true`) and applied by the worker.
   */
  @Public()
  @Post(':provider')
  @HttpCode(200)
  @ApiResult(200, z.object({ received: z.literal(true), duplicate: z.boolean() }), [400, 401, 404])
  async receive(
    @Param({ schema: providerParamSchema }) p: z.infer<typeof providerParamSchema>,
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('x-furrow-timestamp') timestamp: string | undefined,
    @Headers('x-furrow-signature') signature: string | undefined,
  ) {
    const result = await this.webhooks.receive(p.provider, { timestamp, signature }, req.rawBody ?? Buffer.alloc(0));
    return { received: true as const, ...result };
  }
}
