import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { AppConfig } from '../../config/app-config';
import { MediaController } from './media.controller';
import { MediaModule } from './media.module';

@Module({
  imports: [
    MediaModule,
    MultipartModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.media.maxUploadBytes, files: 1, fields: 0, parts: 2 },
      }),
    }),
  ],
  controllers: [MediaController],
})
export class MediaHttpModule {}
