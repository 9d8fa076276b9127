import { z } from 'zod';

/**
 * The body of a PATCH: every field optional, none with a default, at least one given.
 * A default in a patch would write itself over the stored value of every field the client
 * did not name (zod applies defaults even inside `.optional()`), so a shape that yields any
 * key from an empty body is refused when the module loads, not in production.
 */
export function patchSchema<S extends Record<string, z.ZodType>>(shape: S) {
  const optional = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
  const object = z.strictObject(optional);
  const filled = object.safeParse({});
  if (!filled.success || Object.keys(filled.data).length > 0) {
    throw new Error(`A patch schema may not have defaults: ${Object.keys(filled.data ?? {}).join(', ')}`);
  }
  return object.refine((v) => Object.keys(v).length > 0, { message: 'change at least one field' });
}
