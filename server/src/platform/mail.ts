import nodemailer from 'nodemailer';

/** E-mail, when an SMTP server is configured; otherwise a no-op (notifications stay in the app). */
export interface Mailer {
  enabled: boolean;
  send(to: string[], subject: string, text: string): Promise<void>;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) return { enabled: false, send: async () => undefined };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(to, subject, text) {
      if (to.length) await transport.sendMail({ from, bcc: to, subject, text });
    },
  };
}
