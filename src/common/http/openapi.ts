import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

type Schema = Parameters<typeof ApiResponse>[0] extends infer O ? (O extends { schema?: infer S } ? S : never) : never;

export function toOpenApi(schema: z.ZodType, io: 'input' | 'output' = 'output'): Schema {
  return z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Schema;
}

export const errorBodySchema = z.object({
  code: z.string().describe('Machine-readable error code, e.g. VALIDATION_FAILED'),
  message: z.string(),
  details: z.unknown().optional(),
  errorId: z.string().optional().describe('Only on 500: quote it to support; it is in the log'),
});

/** Documents a success response by its zod schema and the error statuses a route can answer. */
export function ApiResult(status: number, schema: z.ZodType | null, errorStatuses: number[] = []) {
  return applyDecorators(
    schema ? ApiResponse({ status, schema: toOpenApi(schema) }) : ApiResponse({ status, description: 'No content' }),
    ...errorStatuses.map((s) => ApiResponse({ status: s, schema: toOpenApi(errorBodySchema) })),
  );
}
