import type { Locale } from '../../users/entities/user.entity';
import type { RenderedNotification } from './notification-templates';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FRAME: Record<Locale, { subject: (title: string) => string; greeting: string; footer: string }> = {
  'zh-CN': {
    subject: (title) => `【田间好物】${title}`,
    greeting: '您好：',
    footer: '此邮件由田间好物自动发送，请勿直接回复。如不想再收到此类邮件，可在“我的 › 消息设置”中关闭。',
  },
  en: {
    subject: (title) => `${title} – Furrow`,
    greeting: 'Hello,',
    footer:
      'This message was sent by Furrow; replies are not read. To stop e-mails like this one, switch them off in your notification settings.',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The e-mail of a notification: its in-app title and body in a plain frame, as text and simple HTML. */
export function renderEmail(locale: Locale, { title, body }: RenderedNotification): RenderedEmail {
  const frame = FRAME[locale] ?? FRAME['zh-CN'];
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  return {
    subject: frame.subject(title),
    text: `${frame.greeting}\n\n${body}\n\n--\n${frame.footer}\n`,
    html:
      `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.6;color:#222">` +
      `<h2 style="font-size:18px">${escapeHtml(title)}</h2>` +
      `<p>${escapeHtml(frame.greeting)}</p><p>${escapeHtml(body)}</p>` +
      `<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#888">${escapeHtml(frame.footer)}</p>` +
      `</body></html>`,
  };
}
