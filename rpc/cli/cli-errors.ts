/**
 * Errors of the CLI itself (files, usage). Chain errors (GENESIS_, CRYPTO_, ...) keep their own codes;
 * both are printed as one line `error: CODE: message`. Exit codes: 2 for usage errors, 1 otherwise.
 */
export const CLI_ERRORS = {
  CLI_USAGE: 'The command line is wrong: unknown command or option, missing or malformed argument.',
  CLI_FILE_EXISTS: 'The output file exists already (the CLI never overwrites keys; genesis only with --force).',
  CLI_FILE_NOT_FOUND: 'An input file does not exist.',
  CLI_READ_FAILED: 'An input file cannot be read, or is not UTF-8 text.',
  CLI_WRITE_FAILED: 'An output file cannot be written.',
  CLI_BAD_KEY_FILE: 'A key file is not valid JSON of {name, publicKey, secretKey, blsSecret?}, or its keys do not match (each other, or for a validator the genesis keys).',
  CLI_KEY_NOT_FOUND: '--key names neither a key file ($TFR_HOME/keys/NAME.json or a path) nor a published test account.',
  CLI_WAIT_TIMEOUT: 'A wait for the other chain (a deposit claimed on the region, a withdrawal anchored on the Hub) ran past --wait-timeout; nothing was undone, run the command again to keep waiting.',
  CLI_GENESIS_MISMATCH: "`tfr testnet --with-hub`: the region's and the Hub's genesis files do not belong together (the Hub does not register the region with its validators' certificate set, or the region's hub section names another Hub or other validators).",
  CLI_STREAM_CLOSED: 'The node closed the event stream of `blocks --follow` (it stopped, or dropped a slow reader).',
} as const;

export type CliErrorCode = keyof typeof CLI_ERRORS;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }

  get exitCode(): number {
    return this.code === 'CLI_USAGE' ? EXIT_USAGE : EXIT_FAILURE;
  }
}
