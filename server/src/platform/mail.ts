import type { Transporter } from 'nodemailer';

/** E-mail, when an SMTP server is configured; otherwise a no-op (notifications stay in the app). */
export interface Mailer {
  enabled: boolean;
  send(to: string[], subject: string, text: string): Promise<void>;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) return { enabled: false, send: async () => undefined };
  // the SMTP library is loaded with the first e-mail (platform/lazy.ts says why)
  let transport: Transporter | undefined;
  return {
    enabled: true,
    async send(to, subject, text) {
      if (!to.length) return;
      transport ??= (await import('nodemailer')).default.createTransport(smtpUrl);
      await transport.sendMail({ from, bcc: to, subject, text });
    },
  };
}

/**
 * Hand one e-mail to the mailer without waiting (an answer never waits on SMTP, so its timing
 * tells nothing); a failure is logged without the address.
 */
export function mailSender(mailer: Mailer, log: { warn(o: object, m: string): void; error(o: object, m: string): void }) {
  return (to: string, mail: { subject: string; text: string }): void => {
    if (!mailer.enabled) {
      log.warn({ subject: mail.subject }, 'no SMTP server configured: e-mail not sent');
      return;
    }
    mailer.send([to], mail.subject, mail.text).catch((err: unknown) => log.error({ err: String(err), subject: mail.subject }, 'e-mail not sent'));
  };
}
