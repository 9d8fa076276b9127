import { AppConfig, ConfigError } from '../../../config/app-config';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kinds';

/**
 * Mainland SMS carries only provider-approved templates: the approved template code of each
 * kind (SMS_TEMPLATES). Kinds without one are not sent by SMS.
 */
export class SmsTemplates {
  constructor(private readonly codes: Partial<Record<NotificationKind, string>>) {}

  codeFor(kind: NotificationKind): string | undefined {
    return this.codes[kind];
  }

  /** The kind's declared parameters as strings, as Aliyun's TemplateParam wants them. */
  paramsFor(kind: NotificationKind, params: Record<string, string | number>): Record<string, string> {
    return Object.fromEntries(NOTIFICATION_KINDS[kind].params.map((name) => [name, String(params[name] ?? '')]));
  }
}

/**
 * Config parses SMS_TEMPLATES but knows no notification kinds (it imports no feature module),
 * so the kinds are checked here, when either process boots, in the config's own words.
 */
export function smsTemplatesFrom(config: AppConfig): SmsTemplates {
  const configured = config.notifications.smsTemplates;
  const unknown = Object.keys(configured).filter((kind) => !Object.hasOwn(NOTIFICATION_KINDS, kind));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  SMS_TEMPLATES: unknown notification kind ${unknown.map((k) => `"${k}"`).join(', ')}` +
        ` (known: ${Object.keys(NOTIFICATION_KINDS).join(', ')})`,
    );
  }
  return new SmsTemplates(configured as Partial<Record<NotificationKind, string>>);
}
