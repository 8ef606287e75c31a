/** Helpers of the plans' staff tests: a signed-in browser, multipart uploads, a macro-enabled Word file. */
import type { FastifyInstance } from "fastify";
import { Browser } from "../../platform/testing.js";
import { handmadeZip } from "../../platform/test-files.js";
import { login } from "./test-support.js";

export async function signedIn(app: FastifyInstance, email: string): Promise<Browser> {
  const b = new Browser(app);
  await login(b, email);
  return b;
}

/** Posts a multipart form with one file, CSRF token included, like a browser. */
export async function postFile(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, file: { filename: string; type: string; data: Buffer }) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = `----planesprueba${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

/** A Word document with macros (.docm): a ZIP that declares the macro-enabled main part. */
export function docmFile(): Buffer {
  return handmadeZip([
    {
      name: "[Content_Types].xml",
      store: true,
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
    },
    { name: "word/document.xml", data: "<w:document/>", store: true },
    { name: "word/vbaProject.bin", data: "Sub AutoOpen()", store: true },
  ]);
}

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
/** The first bytes of a Windows executable. */
export const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]);
