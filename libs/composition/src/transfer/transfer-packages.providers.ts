import { Provider } from '@nestjs/common';
import {
  BLOB_STORE,
  BlobStore,
  CLOCK,
  CheckpointSigner,
  Clock,
  EVENT_STORE,
  EventStore,
  TransferPackages,
  cryptoSuiteOf,
  signatureAlgorithmOf,
  trustedKeysIn,
} from '@xj/application';
import { AppConfig } from '../config/app-config';

/**
 * Transfer packages (issue 19 §4) over the configured store and blobs. The sending organisation's
 * key is the instance's checkpoint signing key (CHECKPOINT_SIGNING_KEY_FILE, or the one in DATA_DIR):
 * an instance is one organisation's deployment, and its public key is what the other side puts in
 * its TRANSFER_TRUSTED_KEYS_DIR. Read on first export only.
 */
export const createTransferPackages = (
  config: Pick<AppConfig, 'integrity' | 'transfer'>,
  store: EventStore,
  blobs: BlobStore,
  clock: Clock,
): TransferPackages => {
  let signer: CheckpointSigner | undefined;
  const suite = cryptoSuiteOf(store);
  const { signingKeyFile, createSigningKey } = config.integrity;
  return new TransferPackages(
    store,
    blobs,
    clock,
    () =>
      (signer ??= CheckpointSigner.fromFile(signingKeyFile, {
        create: createSigningKey,
        algorithm: signatureAlgorithmOf(suite),
      }).assertSuite(suite, signingKeyFile)),
    trustedKeysIn(config.transfer.trustedKeysDir),
  );
};

export const transferPackagesProviders = (config: AppConfig): Provider[] => [
  {
    provide: TransferPackages,
    useFactory: (store: EventStore, blobs: BlobStore, clock: Clock) =>
      createTransferPackages(config, store, blobs, clock),
    inject: [EVENT_STORE, BLOB_STORE, CLOCK],
  },
];
