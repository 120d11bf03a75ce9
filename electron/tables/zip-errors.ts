// A ZIP refused: either one of the limits was passed or the archive itself is broken or forged.
export class ZipLimitError extends Error {
  /** true when a limit was passed; false when the archive itself is broken */
  constructor(
    message: string,
    readonly limit = false,
  ) {
    super(message);
  }
}
