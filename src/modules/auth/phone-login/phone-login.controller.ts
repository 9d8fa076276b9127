import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../../../common/auth/auth.decorators';
import { mainlandPhoneSchema } from '../../../common/http/contact.schemas';
import { ApiResult } from '../../../common/http/openapi';
import { tokenPairSchema } from '../dto/auth.dto';
import { PhoneLoginService } from './phone-login.service';

const codeRequestSchema = z.strictObject({ phone: mainlandPhoneSchema });
const phoneLoginSchema = z.strictObject({
  phone: mainlandPhoneSchema,
  code: z.string().regex(/^\d{6}$/, 'must be the 6 digits sent by SMS'),
});

@ApiTags('auth')
@Public()
@Controller('auth/phone')
export class PhoneLoginController {
  constructor(private readonly phoneLogin: PhoneLoginService) {}

  /** Sends a 6-digit login code by SMS (valid 5 minutes; one per minute, a few a day). */
  @Post('code')
  @HttpCode(202)
  @ApiResult(202, z.object({ expiresIn: z.number().int(), resendAfter: z.number().int() }), [400, 422, 429])
  requestCode(@Body({ schema: codeRequestSchema }) body: z.infer<typeof codeRequestSchema>, @Ip() ip: string) {
    return this.phoneLogin.requestCode(body.phone, ip);
  }

  /** Logs in with the code; a number seen for the first time becomes a buyer account. */
  @Post('login')
  @HttpCode(200)
  @ApiResult(200, tokenPairSchema.extend({ newAccount: z.boolean() }), [400, 401])
  login(@Body({ schema: phoneLoginSchema }) body: z.infer<typeof phoneLoginSchema>) {
    return this.phoneLogin.login(body.phone, body.code);
  }
}
