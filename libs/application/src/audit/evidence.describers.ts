import { EvidenceAttached, evidenceHashAlgorithmOf } from '@xj/domain';
import { DescriberTable, orgOf } from './event-description';

const sizeOf = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;

const digestName = (d: EvidenceAttached['data']): string => (evidenceHashAlgorithmOf(d) === 'sm3' ? 'SM3' : 'SHA-256');

/** Evidence on any case stream (issue 19 §1): the file by name, size and the start of its hash. */
export const EVIDENCE_DESCRIBERS: DescriberTable<EvidenceAttached> = {
  EvidenceAttached: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 上传证据材料《${d.fileName}》（${sizeOf(d.size)}，${digestName(d)} ${d.sha256.slice(0, 12)}…）`,
    en: `${orgOf(ctx, d.by.orgId).en} attached evidence "${d.fileName}" (${sizeOf(d.size)}, ${digestName(d)} ${d.sha256.slice(0, 12)}…)`,
  }),
};
