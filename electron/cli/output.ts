// How the CLI speaks: JSON for scripts (--json), short Vietnamese lines for people.
export interface Out {
  json: boolean;
  result(value: unknown, human: () => string[]): void;
  error(message: string): void;
}

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
