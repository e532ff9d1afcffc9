import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createBase32Plugin, createCryptoPlugin, generateSecret } from '@otplib/core';
import { generateSync, verifySync } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';

/** MFA_*: who must use a second factor, and the key of the secrets at rest. */
export interface SecondFactorSettings {
  readonly requiredRoles: readonly string[];
  readonly requiredPositions: readonly string[];
  /** MFA_SECRET_KEY_FILE; absent: secrets are stored as they are (the users file is owner-readable). */
  readonly keyFile?: string;
}

/** RFC 6238 defaults that every authenticator app reads from an otpauth:// URI: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'xingji-link';

/*
 * otplib 13 (the maintained TOTP library) is used through its CommonJS packages (@otplib/core,
 * /totp, /uri) with Node's own HMAC: the `otplib` entry loads its default plugins, which import
 * ESM-only @noble/hashes and @scure/base — Node 20.19+ can require() them, jest's CommonJS runtime cannot.
 */
const crypto = createCryptoPlugin({
  name: 'node-crypto',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const [x, y] = [Buffer.from(a), Buffer.from(b)];
    return x.length === y.length && timingSafeEqual(x, y);
  },
});

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 base32, as otpauth:// secrets are written (no padding; decoding ignores case and padding). */
const base32 = createBase32Plugin({
  name: 'rfc4648',
  encode: (data) => {
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of data) {
      value = (value << 8) | byte;
      bits += 8;
      for (; bits >= 5; bits -= 5) out += BASE32[(value >>> (bits - 5)) & 31];
    }
    return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
  },
  decode: (text) => {
    const bytes: number[] = [];
    let bits = 0;
    let value = 0;
    for (const char of text.toUpperCase().replace(/=+$/, '')) {
      const digit = BASE32.indexOf(char);
      if (digit < 0) throw new Error('Not a base32 secret.');
      value = ((value << 5) | digit) & 0xffff;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((value >>> bits) & 0xff);
      }
    }
    return new Uint8Array(bytes);
  },
});

/** A new secret, base32 (RFC 4648), 160 bits as RFC 4226 §4 recommends. */
export const newTotpSecret = (): string => generateSecret({ crypto, base32, length: 20 });

/** What an authenticator app scans (shown once at enrolment). */
export const otpauthUri = (username: string, secret: string): string =>
  generateTOTP({ issuer: TOTP_ISSUER, label: username, secret, period: TOTP_PERIOD_SECONDS });

/** The code of `secret` at `epochSeconds`, `digits` long (tests compute the codes a user's app shows). */
export const totpCode = (secret: string, epochSeconds: number, digits: 6 | 8 = 6): string =>
  generateSync({ secret, crypto, base32, epoch: epochSeconds, period: TOTP_PERIOD_SECONDS, digits });

/**
 * The time step a code matches, or undefined. One step either side is accepted for clock drift
 * (RFC 6238 §5.2 recommends at most one); a step at or before `usedStep` is refused, so a code
 * that was used cannot be used again within its window (RFC 6238 §5.2: "MUST NOT accept the
 * second attempt of the same OTP after the successful validation").
 */
export const matchTotp = (
  secret: string,
  code: string,
  epochSeconds: number,
  usedStep: number | undefined,
): number | undefined => {
  if (!/^\d{6}$/.test(code)) return undefined;
  // A used step at or past the window's last (a clock set back) leaves nothing to accept; otplib would throw.
  const lastStep = Math.floor((epochSeconds + TOTP_PERIOD_SECONDS) / TOTP_PERIOD_SECONDS);
  if (usedStep !== undefined && usedStep >= lastStep) return undefined;
  const result = verifySync({
    secret,
    crypto,
    base32,
    token: code,
    epoch: epochSeconds,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(usedStep !== undefined ? { afterTimeStep: usedStep } : {}),
  });
  return result.valid ? result.timeStep : undefined;
};

const SEALED = 'aes256gcm:';
const PLAIN = 'plain:';

/**
 * Seals TOTP secrets in the users file: AES-256-GCM under MFA_SECRET_KEY_FILE's key when there is
 * one (a copy of DATA_DIR alone then reveals no secret), else stored as they are, marked `plain:`.
 * A sealed secret without the key is refused, never guessed.
 */
export class SecretSealer {
  constructor(private readonly key: Buffer | undefined) {}

  static fromSettings(settings: Pick<SecondFactorSettings, 'keyFile'>): SecretSealer {
    return new SecretSealer(settings.keyFile === undefined ? undefined : readKey(settings.keyFile));
  }

  get encrypts(): boolean {
    return this.key !== undefined;
  }

  seal(secret: string): string {
    if (!this.key) return `${PLAIN}${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${[iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64')).join('.')}`;
  }

  open(stored: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED) || !this.key) throw new Error('A sealed TOTP secret needs MFA_SECRET_KEY_FILE.');
    const [iv = '', tag = '', sealed = ''] = stored.slice(SEALED.length).split('.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}

const readKey = (file: string): Buffer => {
  const text = readFileSync(file, 'utf8').trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`MFA_SECRET_KEY_FILE (${file}) must hold 32 bytes (64 hex digits or base64).`);
  return key;
};
