import RPCClient from '@alicloud/pop-core';
import { SmsError, SmsMessage, SmsSender } from './sms-sender';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint: string;
  signName: string;
}

/** Aliyun SMS (Dysmsapi `SendSms`, RPC-signed by Aliyun's own POP client, sent as a POST). */
export class AliyunSmsSender extends SmsSender {
  readonly enabled = true;
  private readonly client: RPCClient;

  constructor(private readonly config: AliyunSmsConfig) {
    super();
    this.client = new RPCClient({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: config.endpoint,
      apiVersion: '2017-05-25',
    });
  }

  async send(message: SmsMessage): Promise<string | null> {
    let answer: { Code?: string; Message?: string; BizId?: string };
    try {
      answer = await this.client.request(
        'SendSms',
        {
          PhoneNumbers: message.phone.replace(/^\+86/, ''),
          SignName: this.config.signName,
          TemplateCode: message.templateCode,
          TemplateParam: JSON.stringify(message.params),
          ...(message.outId ? { OutId: message.outId } : {}),
        },
        { method: 'POST', timeout: 10_000 },
      );
    } catch (error) {
      // The provider's code only: never the request, which holds the number.
      throw new SmsError(`SMS provider refused the message: ${(error as { code?: string }).code ?? 'unknown error'}`);
    }
    if (answer.Code !== 'OK') throw new SmsError(`SMS provider refused the message: ${answer.Code ?? 'no code'}`);
    return answer.BizId ?? null;
  }
}

/** No provider configured: nothing can be sent. */
export class DisabledSmsSender extends SmsSender {
  readonly enabled = false;

  send(): Promise<string | null> {
    return Promise.reject(new SmsError('no SMS provider is configured'));
  }
}
