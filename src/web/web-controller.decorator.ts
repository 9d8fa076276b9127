import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { WebSessionGuard } from './session/web-session.guard';

/**
 * A controller of pages: outside `/api/v1` and the OpenAPI document, signed in by the
 * session cookie (not a bearer token), CSRF-checked on every write, errors as pages.
 */
export const WebController = (path = '') =>
  applyDecorators(
    Controller(path),
    ApiExcludeController(),
    Public(),
    UseGuards(WebSessionGuard),
    UseFilters(WebExceptionFilter),
  );
