import { ArgumentMetadata, StandardSchemaValidationPipe } from '@nestjs/common';
import { CommonErrors } from '../errors/domain-error';
import { assertStorable } from './storable-text';

/**
 * Validates every `@Body({ schema })`, `@Query({ schema })` and `@Param({ schema })` with
 * its zod schema, and turns failures into VALIDATION_FAILED with field paths. Before any
 * schema, every body, query and param (with a schema or without) is refused with
 * UNSTORABLE_TEXT when it carries text PostgreSQL cannot store: one check for all routes.
 */
class FurrowValidationPipe extends StandardSchemaValidationPipe {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature Nest declares
  override async transform<T = any>(value: T, metadata: ArgumentMetadata): Promise<T> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      assertStorable(metadata.type, value);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): StandardSchemaValidationPipe {
  return new FurrowValidationPipe({
    exceptionFactory: (issues) =>
      CommonErrors.validation(
        issues.map((issue) => ({
          path: (issue.path ?? [])
            .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
            .join('.'),
          message: issue.message,
        })),
      ),
  });
}
