import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../../common/auth/bearer-token';
import { AppConfig } from '../../config/app-config';
import { OperationsErrors } from './operations.errors';

/**
 * With METRICS_TOKEN set, /metrics wants `Authorization: Bearer <METRICS_TOKEN>` (scrapers have
 * no user). Unset, /metrics is open and must only be reachable from the private network.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const token = bearerToken(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    // Compared as fixed-length digests, in constant time.
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    throw OperationsErrors.metricsTokenRequired();
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
