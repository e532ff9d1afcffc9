import { EvidenceMediaType } from '@xj/domain';

/** Reads up to `length` bytes of a file from `start`. */
export type ReadBytes = (start: number, length: number) => Promise<Uint8Array>;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * Magic bytes at offset 0 (the formats' own specifications). OLE2 (the compound file of .doc,
 * .xls, .wps, .et) cannot be told apart without walking its directory, so it is one type.
 */
const SIGNATURES: readonly (readonly [EvidenceMediaType, Uint8Array])[] = [
  ['application/pdf', ascii('%PDF-')],
  ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  ['image/jpeg', bytes(0xff, 0xd8, 0xff)],
  ['image/gif', ascii('GIF87a')],
  ['image/gif', ascii('GIF89a')],
  ['image/tiff', bytes(0x49, 0x49, 0x2a, 0x00)],
  ['image/tiff', bytes(0x4d, 0x4d, 0x00, 0x2a)],
  ['application/x-ole-storage', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
];
const ZIP_LOCAL_HEADER = bytes(0x50, 0x4b, 0x03, 0x04);

const startsWith = (head: Uint8Array, prefix: Uint8Array): boolean =>
  head.length >= prefix.length && prefix.every((b, i) => head[i] === b);

/**
 * What a file is, from its content — never its name: PDF, PNG, JPEG, GIF, TIFF, OLE2, and the
 * ZIP-based formats by the entries of the ZIP's central directory (OOXML: `[Content_Types].xml`
 * with `word/document.xml` (docx) or `xl/workbook.xml` (xlsx); OFD, GB/T 33190: `OFD.xml` at the
 * root). Undefined for anything else (a plain ZIP too).
 */
export const sniffMediaType = async (read: ReadBytes, size: number): Promise<EvidenceMediaType | undefined> => {
  const head = await read(0, 16);
  const known = SIGNATURES.find(([, magic]) => startsWith(head, magic));
  if (known) return known[0];
  if (!startsWith(head, ZIP_LOCAL_HEADER)) return undefined;
  const names = await zipEntryNames(read, size);
  if (!names) return undefined;
  if (names.has('OFD.xml')) return 'application/ofd';
  if (!names.has('[Content_Types].xml')) return undefined;
  if (names.has('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.has('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return undefined;
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
/** The end record is followed by a comment of at most 65,535 bytes. */
const EOCD_SEARCH = EOCD_MIN + 0xffff;
/** A directory larger than this is not an office document a clerk uploads. */
const MAX_DIRECTORY = 4 * 1024 * 1024;

/** The entry names of a ZIP's central directory (APPNOTE.TXT §4.3.12, §4.3.16), or undefined if it has none readable. */
const zipEntryNames = async (read: ReadBytes, size: number): Promise<Set<string> | undefined> => {
  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = await read(tailStart, size - tailStart);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i -= 1)
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // ZIP64 (0xFFFFFFFF) and directories outside the file are not read: such a file is refused.
  if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) return undefined;
  const directory = await read(directoryOffset, directorySize);
  const dir = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = 0;
  for (let n = 0; n < entries && at + 46 <= directory.length; n += 1) {
    if (dir.getUint32(at, true) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = dir.getUint16(at + 28, true);
    const extraLength = dir.getUint16(at + 30, true);
    const commentLength = dir.getUint16(at + 32, true);
    if (at + 46 + nameLength > directory.length) return undefined;
    names.add(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
};
