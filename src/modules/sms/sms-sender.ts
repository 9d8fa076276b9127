/** One text message: mainland SMS cannot carry free text, only an approved template and its parameters. */
export interface SmsMessage {
  /** E.164 mainland number. */
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  /** Our id for the message, echoed by the provider in its receipts. */
  outId?: string;
}

/** Sends a text message through a licensed provider, with an approved signature and template. */
export abstract class SmsSender {
  abstract readonly enabled: boolean;
  /** Resolves with the provider's id of the message (Aliyun's BizId, the key of its delivery receipts). */
  abstract send(message: SmsMessage): Promise<string | null>;
}

/** The provider did not accept the message; `message` never contains the phone number. */
export class SmsError extends Error {}
