import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../../common/auth/auth.decorators';
import { StripeWebhookService } from './stripe-webhook.service';

@Controller('payments/stripe/webhook')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  /** Stripe's webhook: signature checked on the raw body, stored, acknowledged; applied by the worker. */
  @Public()
  @Post()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async receive(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ) {
    await this.webhooks.receive(req.rawBody, signature);
    return { received: true };
  }
}
