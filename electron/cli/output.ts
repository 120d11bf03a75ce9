// How the CLI speaks: JSON for scripts (--json), short Vietnamese lines for people.
export interface Out {
  json: boolean;
  result(value: unknown, human: () => string[]): void;
  error(message: string): void;
}

// `sohoa list | head` closes the pipe early; that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else for (const line of human()) process.stdout.write(`${line}\n`);
    },
    error(message) {
      if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
      else process.stderr.write(`Lỗi: ${message}\n`);
    },
  };
}
