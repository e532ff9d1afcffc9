import { sniffMediaType } from './media-type.sniffer';

const reader = (bytes: Buffer) => async (start: number, length: number) => bytes.subarray(start, start + length);
const sniff = (bytes: Buffer) => sniffMediaType(reader(bytes), bytes.length);

/** A minimal ZIP (stored entries, empty) with these names: local headers, central directory, end record. */
const zipWith = (names: readonly string[], comment = ''): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const directory = Buffer.concat(centrals);
  const c = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(c.length, 20);
  return Buffer.concat([...locals, directory, end, c]);
};

describe('media type from the content, never the name', () => {
  it.each<[string, Buffer, string]>([
    ['PDF', Buffer.from('%PDF-1.4\n...'), 'application/pdf'],
    ['PNG', Buffer.from('89504e470d0a1a0a0000', 'hex'), 'image/png'],
    ['JPEG', Buffer.from('ffd8ffe000104a464946', 'hex'), 'image/jpeg'],
    ['GIF89a', Buffer.from('GIF89a\x01\x00'), 'image/gif'],
    ['TIFF little-endian', Buffer.from('49492a0008000000', 'hex'), 'image/tiff'],
    ['TIFF big-endian', Buffer.from('4d4d002a00000008', 'hex'), 'image/tiff'],
    ['OLE2 (.doc/.xls/.wps)', Buffer.from('d0cf11e0a1b11ae10000', 'hex'), 'application/x-ole-storage'],
  ])('recognises %s by its magic bytes', async (_, bytes, type) => {
    expect(await sniff(bytes)).toBe(type);
  });

  it('tells docx, xlsx and OFD from the entry names of the ZIP, also behind a comment', async () => {
    expect(await sniff(zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(
      await sniff(zipWith(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'], 'a comment')),
    ).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await sniff(zipWith(['OFD.xml', 'Doc_0/Document.xml']))).toBe('application/ofd');
  });

  it.each<[string, Buffer]>([
    ['plain text', Buffer.from('just some text, named report.pdf')],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an empty file', Buffer.alloc(0)],
    ['a plain ZIP', zipWith(['payload.exe'])],
    ['OOXML without [Content_Types].xml', zipWith(['word/document.xml'])],
    ['a ZIP header with no directory', Buffer.from('504b0304000000000000', 'hex')],
  ])('refuses %s', async (_, bytes) => {
    expect(await sniff(bytes)).toBeUndefined();
  });
});
