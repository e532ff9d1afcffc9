// class-transformer keeps the @Type() metadata (which class a nested DTO property holds) in this
// module; its package ships the types under types/ only, so the CommonJS path is declared here.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
