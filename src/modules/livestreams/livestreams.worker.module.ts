import { Module } from '@nestjs/common';
import { LiveSessionTimersProcessor, LiveSessionTimersScheduler } from './live-session-timers.processor';
import { LivestreamsModule } from './livestreams.module';
import { PracticeRoomsListener } from './practice-rooms.listener';

@Module({
  imports: [LivestreamsModule],
  providers: [PracticeRoomsListener, LiveSessionTimersScheduler, LiveSessionTimersProcessor],
})
export class LivestreamsWorkerModule {}
