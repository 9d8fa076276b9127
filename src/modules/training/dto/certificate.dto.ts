import { z } from 'zod';

export const certificateIdParamSchema = z.strictObject({ id: z.uuid() });

/**
 * Any text: the service reads it as a code or answers CERTIFICATE_NOT_FOUND, so a malformed code
 * is told apart from an unknown one by nobody (a schema here would answer 400 and say which).
 */
export const verifyCodeParamSchema = z.strictObject({ code: z.string() });

export const revokeCertificateSchema = z.strictObject({
  /** Shown on the public verification page. */
  reason: z.string().trim().min(1).max(500),
});
export type RevokeCertificateDto = z.infer<typeof revokeCertificateSchema>;
