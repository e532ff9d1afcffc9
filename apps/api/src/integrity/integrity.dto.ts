import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalField } from '../http/dto-decorators';

/** `<category>-<id>`, the event store's stream names (see append-preparation.ts). */
const STREAM_ID = /^[a-z][a-zA-Z0-9]*-[A-Za-z0-9._:-]{1,128}$/;

/** POST /api/v1/integrity/verification */
export class VerifyChainsDto {
  @ApiPropertyOptional({
    description: 'One stream (`clue-…`, `referral-…`, `rectification-…`, …); omitted: the whole store.',
    example: 'clue-c-2026-0001',
  })
  @OptionalField()
  @IsString()
  @Matches(STREAM_ID, { message: 'streamId must be a stream name like clue-<id>' })
  streamId?: string;
}

/** POST /api/v1/integrity/checkpoints/verification: an exported checkpoint, as GET …/latest returns it. */
export class SignedCheckpointDto {
  @ApiProperty({
    description:
      'The signed content: { version: 2, createdAt, globalPosition, streamCount, eventCount, headsDigest, orderDigest, archivedStreams, keyId } (version 1, saved before, lists heads: [{ streamId, revision, hash }] instead of archivedStreams). Checked in full by the verifier.',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  checkpoint!: Record<string, unknown>;

  @ApiProperty({ description: 'base64 Ed25519 signature over the canonical JSON (RFC 8785) of `checkpoint`.' })
  @IsString()
  @MaxLength(200)
  signature!: string;

  @ApiProperty({
    description:
      "The signer's public key, SPKI PEM. It must be the key the server trusts (CHECKPOINT_PUBLIC_KEY_FILE, else its own signing key); any other is rejected.",
  })
  @IsString()
  @MaxLength(1000)
  publicKey!: string;
}

const PROBLEM = {
  type: 'object',
  properties: {
    kind: {
      type: 'string',
      enum: [
        'hash_mismatch',
        'prev_hash_mismatch',
        'revision_gap',
        'revision_out_of_order',
        'stream_mismatch',
        'malformed',
        'truncated',
        'head_mismatch',
        'invalid_checkpoint',
        'no_trusted_key',
        'unknown_key',
        'bad_signature',
        'not_in_checkpoint',
        'count_mismatch',
        'order_mismatch',
        'heads_mismatch',
        'invalid_manifest',
        'archive_mismatch',
        'archive_unavailable',
      ],
    },
    streamId: { type: 'string' },
    revision: { type: 'string' },
    position: { type: 'string' },
    eventId: { type: 'string' },
    detail: { type: 'string' },
  },
};

export const INTEGRITY_REPORT_SCHEMA = {
  type: 'object',
  required: ['ok', 'checkedEvents'],
  properties: {
    ok: { type: 'boolean' },
    checkedEvents: { type: 'integer' },
    firstProblem: PROBLEM,
    checkpoint: {
      type: 'object',
      properties: { createdAt: { type: 'string' }, globalPosition: { type: 'string' }, keyId: { type: 'string' } },
    },
    blindSpots: {
      type: 'array',
      description:
        'What this verification could not have seen: without a checkpoint, anywhere; with one, among the events after its position (`after`).',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['truncated_tail', 'reordering_across_streams', 'consistent_rewrite'] },
          after: { type: 'string', description: 'Global position of the checkpoint compared with.' },
          detail: { type: 'string' },
        },
      },
    },
    evidence: {
      type: 'object',
      description:
        'Whole-store verification only: every blob an EvidenceAttached event references exists and hashes to the SHA-256 (and size) it records; a problem makes `ok` false.',
      properties: {
        ok: { type: 'boolean' },
        blobsChecked: { type: 'integer' },
        problems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              sha256: { type: 'string' },
              streamId: { type: 'string' },
              problem: { type: 'string', enum: ['missing', 'hash_mismatch', 'size_mismatch'] },
            },
          },
        },
      },
    },
  },
};

export const SIGNED_CHECKPOINT_SCHEMA = {
  type: 'object',
  properties: {
    checkpoint: {
      type: 'object',
      properties: {
        version: {
          type: 'integer',
          enum: [1, 2],
          description: 'Signed now: 2. Version 1 (saved before) lists every head in `heads`.',
        },
        createdAt: { type: 'string', format: 'date-time' },
        globalPosition: { type: 'string', example: '1234' },
        streamCount: { type: 'integer' },
        eventCount: { type: 'integer' },
        headsDigest: {
          type: 'string',
          description: 'SHA-256 of the canonical JSON of every stream head, sorted by stream id.',
        },
        archivedStreams: {
          type: 'integer',
          description: 'Version 2: entries in the archive manifest when signed (their streams are not covered).',
        },
        heads: {
          type: 'array',
          description: 'Version 1 only.',
          items: {
            type: 'object',
            properties: { streamId: { type: 'string' }, revision: { type: 'string' }, hash: { type: 'string' } },
          },
        },
        orderDigest: { type: 'string' },
        keyId: { type: 'string' },
      },
    },
    signature: { type: 'string' },
    publicKey: { type: 'string' },
  },
};

export const CHECKPOINT_LIST_SCHEMA = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          createdAt: { type: 'string' },
          globalPosition: { type: 'string' },
          streamCount: { type: 'integer' },
          eventCount: { type: 'integer' },
          keyId: { type: 'string' },
        },
      },
    },
  },
};
