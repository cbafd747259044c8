/** Where a command writes: stdout carries the result (SQL, JSON, the diff), stderr everything else. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr when it is a terminal (progress is drawn there); absent otherwise, and then nothing is drawn. */
  readonly terminal?: Terminal;
}

/** A terminal to draw status lines on. */
export interface Terminal {
  write(text: string): void;
  columns(): number;
}

export const processIO: CommandIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  ...(process.stderr.isTTY === true
    ? { terminal: { write: (text: string) => void process.stderr.write(text), columns: () => process.stderr.columns ?? 80 } }
    : {}),
};
