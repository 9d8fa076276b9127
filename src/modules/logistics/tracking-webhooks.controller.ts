import { Controller, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { toOpenApi } from '../../common/http/openapi';
import { kuaidi100AnswerSchema, TrackingWebhooks } from './tracking-webhooks.service';

@ApiTags('logistics')
@Controller('logistics/webhooks')
export class TrackingWebhooksController {
  constructor(private readonly webhooks: TrackingWebhooks) {}

  /**
   * Kuaidi100's subscription push (订阅推送): `application/x-www-form-urlencoded` with `param`
   * (JSON: `status`, `message`, `lastResult` {`nu`, `com`, `state`, `ischeck`, `data`}) and
   * `sign` = upper-case MD5 of param + `KUAIDI100_SALT`. Answered in Kuaidi100's format
   * (`{result, returnCode, message}`), refusals included; a repeat of a push is accepted again.
   */
  @Public()
  @Post('kuaidi100')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['param', 'sign'],
      properties: { param: { type: 'string', description: 'JSON' }, sign: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 200, schema: toOpenApi(kuaidi100AnswerSchema), description: 'Stored (or a repeat)' })
  @ApiResponse({ status: 400, schema: toOpenApi(kuaidi100AnswerSchema), description: 'Malformed `param`' })
  @ApiResponse({ status: 401, schema: toOpenApi(kuaidi100AnswerSchema), description: 'Wrong `sign`' })
  @ApiResponse({ status: 404, schema: toOpenApi(kuaidi100AnswerSchema), description: 'Pushes not configured' })
  async kuaidi100(@Req() req: RawBodyRequest<FastifyRequest>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { httpStatus, answer } = await this.webhooks.receiveKuaidi100(req.rawBody ?? Buffer.alloc(0));
    void reply.status(httpStatus);
    return answer;
  }
}
