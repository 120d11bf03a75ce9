// What the core's process wrote to stderr: copied to the terminal and a log file as it comes,
// and its last lines kept, so a core that dies (at start or later) is explained in the dialog
// by its own words (a missing module, a native library that would not load) and not only by
// an exit code.
import fs from 'node:fs';
import path from 'node:path';

/** The dialog shows this much of the end of the core's output. */
const TAIL_CHARS = 2000;

export class CoreOutput {
  private tail = '';

  constructor(private readonly logFile?: string) {}

  /** Follows a child's stderr (null when it was not piped). */
  follow(stream: NodeJS.ReadableStream | null | undefined): void {
    stream?.on('data', (chunk: Buffer | string) => this.add(chunk.toString()));
  }

  add(text: string): void {
    process.stderr.write(text);
    this.tail = (this.tail + text).slice(-TAIL_CHARS);
    if (!this.logFile) return;
    try {
      fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
      fs.appendFileSync(this.logFile, text);
    } catch {
      // a log that cannot be written must not take the app down with it
    }
  }

  /** The last lines written, trimmed; '' when the core said nothing. */
  lastLines(): string {
    return this.tail.trim();
  }

  clear(): void {
    this.tail = '';
  }
}
