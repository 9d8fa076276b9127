import { Module } from '@nestjs/common';
import { uploadsModule } from '../../common/http/uploads';
import { MediaController } from './media.controller';
import { MediaModule } from './media.module';

@Module({
  imports: [MediaModule, uploadsModule()],
  controllers: [MediaController],
})
export class MediaHttpModule {}
