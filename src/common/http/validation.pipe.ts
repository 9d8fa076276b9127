import { StandardSchemaValidationPipe } from '@nestjs/common';
import { CommonErrors } from '../errors/domain-error';

/**
 * Validates every `@Body({ schema })`, `@Query({ schema })` and `@Param({ schema })` with
 * its zod schema, and turns failures into VALIDATION_FAILED with field paths.
 */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
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
