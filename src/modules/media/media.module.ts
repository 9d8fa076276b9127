import { S3Client } from '@aws-sdk/client-s3';
import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MediaService } from './media.service';
import { LocalMediaStorage } from './storage/local-media.storage';
import { MediaStorage } from './storage/media-storage';
import { S3MediaStorage } from './storage/s3-media.storage';

@Module({
  providers: [
    MediaService,
    {
      provide: MediaStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MediaStorage => {
        const { storage, localDir, s3 } = config.media;
        if (storage === 'local') return new LocalMediaStorage(localDir);
        const client = new S3Client({
          endpoint: s3.endpoint,
          region: s3.region,
          forcePathStyle: s3.forcePathStyle,
          credentials: { accessKeyId: s3.accessKeyId!, secretAccessKey: s3.secretAccessKey! },
        });
        return new S3MediaStorage(client, s3.bucket!);
      },
    },
  ],
  exports: [MediaService],
})
export class MediaModule {}
