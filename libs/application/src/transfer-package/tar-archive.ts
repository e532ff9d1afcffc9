/**
 * A minimal POSIX ustar writer and reader for the transfer package: regular files only, names
 * up to 100 bytes (the package's names are short and ASCII), so any `tar tf` lists it. Written by
 * hand because the product lists no archive library; the reader refuses anything it did not write.
 */

const BLOCK = 512;

/** One file of an archive. */
export interface TarEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** The bytes are not an archive this writer could have produced. */
export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

const octal = (value: number, width: number): string => value.toString(8).padStart(width - 1, '0') + '\0';

const header = (name: string, size: number, mtimeSeconds: number): Buffer => {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length === 0 || bytes.length > 100) throw new TarFormatError(`tar entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  bytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeSeconds, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
};

/** The archive of `entries`, in the order given. */
export const writeTar = (entries: readonly TarEntry[], mtime: Date): Buffer => {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry.name, entry.data.length, seconds), entry.data);
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
};

const readOctal = (block: Buffer, at: number, width: number): number => {
  const text = block
    .subarray(at, at + width)
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('tar header field is not an octal number');
  return parseInt(text, 8);
};

const checksumOk = (block: Buffer): boolean => {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  return readOctal(block, 148, 8) === sum;
};

/** The files of an archive by name; throws TarFormatError on anything else (links, directories, duplicates, bad checksums). */
export const readTar = (archive: Buffer): Map<string, Buffer> => {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const block = archive.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) return files;
    if (!checksumOk(block)) throw new TarFormatError(`tar header at byte ${at} has a wrong checksum`);
    const end = block.indexOf(0);
    const name = block.subarray(0, end < 0 || end > 100 ? 100 : end).toString('utf8');
    const type = String.fromCharCode(block[156] as number);
    if (type !== '0' && type !== '\0') throw new TarFormatError(`${name}: only regular files are accepted`);
    const size = readOctal(block, 124, 12);
    const start = at + BLOCK;
    if (start + size > archive.length) throw new TarFormatError(`${name}: the archive ends inside the file`);
    if (files.has(name)) throw new TarFormatError(`${name} occurs twice`);
    files.set(name, archive.subarray(start, start + size));
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarFormatError('the archive has no end marker');
};
