// busboy 1.6 (a dependency of multer, which @nestjs/platform-express brings) has no bundled types
// and @types/busboy is not installed: the part of its API the upload parser uses.
declare module 'busboy' {
  import type { IncomingHttpHeaders } from 'node:http';
  import type { Readable, Writable } from 'node:stream';

  interface BusboyConfig {
    readonly headers: IncomingHttpHeaders;
    readonly defParamCharset?: string;
    readonly limits?: {
      readonly fileSize?: number;
      readonly files?: number;
      readonly fields?: number;
      readonly parts?: number;
      readonly headerPairs?: number;
    };
  }
  interface FileInfo {
    readonly filename: string | undefined;
    readonly encoding: string;
    readonly mimeType: string;
  }
  interface Busboy extends Writable {
    on(event: 'file', listener: (name: string, stream: Readable, info: FileInfo) => void): this;
    on(event: 'field', listener: (name: string, value: string) => void): this;
    on(event: 'filesLimit' | 'partsLimit' | 'fieldsLimit' | 'close' | 'finish', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  function busboy(config: BusboyConfig): Busboy;
  export = busboy;
}
