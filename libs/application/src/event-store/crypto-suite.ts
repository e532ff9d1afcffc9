/**
 * The cryptographic suite a store is created with, and keeps for life (a store never mixes suites):
 * - `intl`: SHA-256 for the event hash chain, Ed25519 for checkpoint signatures (every store before
 *   the suite existed is one);
 * - `gm` (国密): SM3 (GB/T 32905-2016) for the chain, SM2 (GB/T 32918.2-2016) for signatures.
 */
export type CryptoSuite = 'intl' | 'gm';

export const CRYPTO_SUITES: readonly CryptoSuite[] = ['intl', 'gm'];

export const isCryptoSuite = (value: unknown): value is CryptoSuite => value === 'intl' || value === 'gm';

/** The digest of the event hash chain: both give 256 bits, 64 hex digits. */
export type ChainHashAlgorithm = 'sha256' | 'sm3';

export const chainHashOf = (suite: CryptoSuite): ChainHashAlgorithm => {
  switch (suite) {
    case 'intl':
      return 'sha256';
    case 'gm':
      return 'sm3';
    default: {
      const unknown: never = suite;
      throw new Error(`unknown crypto suite ${String(unknown)}`);
    }
  }
};

/** What an event store that knows its suite exposes; a store without it is `intl` (all stores before it). */
export interface CryptoSuiteHolder {
  readonly cryptoSuite: CryptoSuite;
}

export const cryptoSuiteOf = (store: object): CryptoSuite => {
  const suite = (store as Partial<CryptoSuiteHolder>).cryptoSuite;
  return isCryptoSuite(suite) ? suite : 'intl';
};

/** The chain digest every verifier of `store` must use. */
export const chainHashOfStore = (store: object): ChainHashAlgorithm => chainHashOf(cryptoSuiteOf(store));

/** Opening a store with another suite configured than it was created with: a store never mixes suites. */
export class CryptoSuiteMismatchError extends Error {
  override readonly name = 'CryptoSuiteMismatchError';
  readonly code = 'STORE.CRYPTO_SUITE_MISMATCH';

  constructor(
    readonly recorded: CryptoSuite,
    readonly configured: CryptoSuite,
    where: string,
  ) {
    super(
      `The event store ${where} was created with CRYPTO_SUITE=${recorded}, but ${configured} is configured. ` +
        `A store never mixes suites: configure ${recorded} (a store's suite cannot be changed in place).`,
    );
  }
}

/**
 * The suite a store has, given what it records (undefined: nothing) and whether it already holds
 * events: a store with events and no record predates the suites, so it is `intl`. Throws when the
 * configured suite (undefined: take the store's) differs.
 */
export const resolveCryptoSuite = (
  recorded: CryptoSuite | undefined,
  hasEvents: boolean,
  configured: CryptoSuite | undefined,
  where: string,
): { readonly suite: CryptoSuite; readonly record: boolean } => {
  const existing = recorded ?? (hasEvents ? 'intl' : undefined);
  if (existing === undefined) return { suite: configured ?? 'intl', record: true };
  if (configured !== undefined && configured !== existing)
    throw new CryptoSuiteMismatchError(existing, configured, where);
  return { suite: existing, record: recorded === undefined };
};
