/**
 * Reading Server-Sent Events in tests: a reader that collects a stream's text until a predicate
 * holds (or fails with what it got), the data of every message of one event name, and a poll for
 * a condition set by a stream's callback.
 */

/** Reads an SSE response body, collecting text until a predicate holds or time runs out. */
export class StreamReader {
  private text = "";
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private decoder = new TextDecoder();
  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }
  async until(found: (text: string) => boolean, ms = 5000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!found(this.text)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`nothing matched in the stream within ${ms} ms; got: ${JSON.stringify(this.text)}`);
      const chunk = await Promise.race([this.reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error(`the stream ended; got: ${JSON.stringify(this.text)}`);
      this.text += this.decoder.decode(chunk.value, { stream: true });
    }
    return this.text;
  }
}

/** The data of every `event: <name>` message in a stream's text. */
export function sseEvents<T>(text: string, name: string): T[] {
  return [...text.matchAll(new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`, "g"))].map((m) => JSON.parse(m[1]!) as T);
}

export async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
