// The logger modules and jobs write to: Fastify's pino logger in the server, a console one in the CLI.

export interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** For commands that print their own output: warnings and errors to stderr, nothing else. */
export const consoleLog: Log = {
  info: () => undefined,
  warn: (details, message) => console.error(message, details),
  error: (details, message) => console.error(message, details),
};
