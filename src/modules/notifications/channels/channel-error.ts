/**
 * A channel could not send a message. `message` carries the provider's code only, never the
 * phone number or address: it is stored on the delivery, in the failed job and in the log.
 * A permanent failure (no number or address any more, a mailbox that does not exist) is not retried.
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}
