import { Module } from '@nestjs/common';
import { LiveSessionTimersProcessor, LiveSessionTimersScheduler } from './live-session-timers.processor';
import { LiveSalesListener } from './live-sales.listener';
import { LivestreamsModule } from './livestreams.module';
import { PracticeRoomsListener } from './practice-rooms.listener';

@Module({
  imports: [LivestreamsModule],
  providers: [PracticeRoomsListener, LiveSalesListener, LiveSessionTimersScheduler, LiveSessionTimersProcessor],
})
export class LivestreamsWorkerModule {}
