import { Module } from '@nestjs/common';
import { LiveSessionsController } from './live-sessions.controller';
import { LivestreamsModule } from './livestreams.module';

@Module({ imports: [LivestreamsModule], controllers: [LiveSessionsController] })
export class LivestreamsHttpModule {}
