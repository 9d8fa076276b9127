import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { toUserResponse, userResponseSchema } from '../users/dto/user.response';
import { AuthService } from './auth.service';
import {
  LoginDto,
  loginSchema,
  RefreshDto,
  refreshSchema,
  RegisterDto,
  registerSchema,
  tokenPairSchema,
} from './dto/auth.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiResult(201, userResponseSchema, [400, 409, 429])
  async register(@Body({ schema: registerSchema }) body: RegisterDto, @Ip() ip: string) {
    return toUserResponse(await this.auth.register(body, ip));
  }

  @Post('login')
  @HttpCode(200)
  @ApiResult(200, tokenPairSchema, [400, 401, 429])
  login(@Body({ schema: loginSchema }) body: LoginDto, @Ip() ip: string) {
    return this.auth.login(body, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiResult(200, tokenPairSchema, [400, 401])
  refresh(@Body({ schema: refreshSchema }) body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiResult(204, null, [400])
  async logout(@Body({ schema: refreshSchema }) body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
