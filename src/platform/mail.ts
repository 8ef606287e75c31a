import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where unsent mail is written when no SMTP server is configured. */
  readonly outboxDir: string | null;
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is written as an .eml file to
 * DATA_DIR/outbox, so a town hall can try sign-up and password reset without a mail server.
 */
export function createMailer(options: { smtpUrl: string | null; from: string; outboxDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      outboxDir: null,
      async send(m) {
        await transport.sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
      },
    };
  }
  return {
    outboxDir: options.outboxDir,
    async send(m) {
      fs.mkdirSync(options.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
      const file = path.join(options.outboxDir, `${stamp}-${safeTo}-${Math.random().toString(36).slice(2, 8)}.eml`);
      const body = [
        `From: ${options.from}`,
        `To: ${m.to}`,
        `Subject: ${m.subject}`,
        `Date: ${new Date().toUTCString()}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        m.text,
        "",
      ].join("\r\n");
      fs.writeFileSync(file, body, "utf8");
    },
  };
}

/** Read the outbox (tests and the README's "where did my e-mail go"). */
export function readOutbox(outboxDir: string): { file: string; to: string; subject: string; text: string }[] {
  if (!fs.existsSync(outboxDir)) return [];
  return fs
    .readdirSync(outboxDir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(outboxDir, file), "utf8");
      const [head, ...rest] = raw.split("\r\n\r\n");
      const header = (name: string) => head!.split("\r\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
      return { file, to: header("To"), subject: header("Subject"), text: rest.join("\r\n\r\n").trim() };
    });
}
