// A caller of the core: one window, browser tab or CLI run. The shell owns it; the core reads
// who is signed in on it and what its shell lets it name.

export type Shell = 'electron' | 'web' | 'cli';

export interface Client {
  userId: number | null;
  lastSeen: number;
  /**
   * Whether calls may name files on this machine: given by the Electron shell (files the user
   * picked or dropped) and the CLI, never by the browser host, whose clients upload instead.
   */
  readonly localFiles: boolean;
  /**
   * The CLI's local operator of the data folder (who can read its files anyway): no account,
   * an administrator's rights, audited as the CLI. Only the CLI shell creates such a client.
   */
  readonly operator?: boolean;
  /** Set by a sign-in: the shell must give the client a new session id (no session fixation). */
  renewed?: boolean;
}
