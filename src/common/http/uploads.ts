import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { AppConfig } from '../../config/app-config';

/** Multipart parsing for a module's upload routes: one file, no other fields, size from config. */
export const uploadsModule = () =>
  MultipartModule.registerAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      limits: { fileSize: config.media.maxUploadBytes, files: 1, fields: 0, parts: 2 },
    }),
  });
