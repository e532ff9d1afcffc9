import { CryptoSuite, isCryptoSuite } from '@xj/application';

/** BENCH_CRYPTO_SUITE (intl | gm, default intl): the suite the benchmark's store is created with. */
export const benchCryptoSuite = (): CryptoSuite => {
  const raw = process.env.BENCH_CRYPTO_SUITE ?? 'intl';
  if (!isCryptoSuite(raw)) throw new Error(`BENCH_CRYPTO_SUITE must be intl or gm, not ${raw}`);
  return raw;
};
