import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AliyunSmsSender, DisabledSmsSender } from './aliyun-sms.sender';
import { SmsSender } from './sms-sender';

@Module({
  providers: [
    {
      provide: SmsSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SmsSender =>
        config.sms ? new AliyunSmsSender(config.sms) : new DisabledSmsSender(),
    },
  ],
  exports: [SmsSender],
})
export class SmsModule {}
