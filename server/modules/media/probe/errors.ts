// The one error the probe throws for anything wrong with the bytes it was given.

export type MediaParseErrorCode = 'not_media' | 'truncated' | 'no_media' | 'unsupported' | 'empty';

export class MediaParseError extends Error {
  override readonly name = 'MediaParseError';

  constructor(
    readonly code: MediaParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isTruncation(error: unknown): error is MediaParseError {
  return error instanceof MediaParseError && error.code === 'truncated';
}
