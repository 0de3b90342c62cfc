import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { DeviceError } from "../../untrusted/errors";
import type { Text } from "../../i18n/text";

/** Also the order encodeClaimPayload writes them in, so equal payloads encode to equal text. */
export const PAYLOAD_KEYS = ["v", "did", "puk", "doc", "docUri", "docHash", "endpoint", "chainId", "registry", "owner", "nonce", "sig", "deviceNFT", "project", "proxy", "verifySignature", "verifier"] as const;

// Field schemas of the v1 payload. Every message says what the field must look like; the field name is added
// when the issue is reported, so no default zod text reaches a person.

const UINT256_MAX = (1n << 256n) - 1n;

const hexField = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, { error: message });

const addressField = () => {
  const message = "must be a 0x address with 40 hex digits";
  return z
    .string({ error: message })
    .refine((s) => isAddress(s, { strict: false }), { error: message })
    .refine((s) => !/^0x0{40}$/.test(s), { error: "is the zero address" })
    .transform((s) => getAddress(s));
};

const uintField = (example: string) => {
  const message = `must be a non-negative integer, written as a decimal string such as "${example}"`;
  return z
    .union([z.string({ error: message }).regex(/^[0-9]{1,78}$/, { error: message }), z.number({ error: message }).int({ error: message }).nonnegative({ error: message })], { error: message })
    .transform((value) => BigInt(value))
    .refine((value) => value <= UINT256_MAX, { error: "is larger than a uint256" });
};

/** Strict: version 1 rejects unknown fields (docs/claim-payload.md), so a misspelt name never drops data. */
export const payloadSchema = z.strictObject({
  v: z.literal(1),
  did: z.string({ error: 'must be a string "did:io:0x…"' }),
  puk: hexField(/^0x04[0-9a-fA-F]{128}$/, "must be the uncompressed secp256k1 public key: 0x04 followed by 128 hex digits").optional(),
  doc: z.record(z.string(), z.unknown(), { error: "must be a DID Document object" }).optional(),
  docUri: z
    .string({ error: "must be a URI string" })
    .max(2048, { error: "is longer than 2048 characters" })
    // The schemes the app can fetch to check the document against docHash (lib/did/documentFetch.ts).
    .regex(/^(ipfs:\/\/|https:\/\/|data:)\S+$/i, { error: "must be a data:, ipfs:// or https:// URI without spaces (the app fetches it to check the document)" })
    .optional(),
  docHash: hexField(/^0x[0-9a-fA-F]{64}$/, "must be 0x followed by 64 hex digits (32 bytes)")
    .refine((h) => !/^0x0{64}$/.test(h), { error: "is zero; the registry refuses an empty hash" })
    .optional(),
  endpoint: z.string({ error: "must be an http(s) URL string such as http://192.168.1.20:8000" }).optional(),
  chainId: z
    .number({ error: "must be a positive integer chain id such as 4690 (a number, not a string)" })
    .int({ error: "must be a positive integer chain id such as 4690" })
    .positive({ error: "must be a positive integer chain id such as 4690" })
    .optional(),
  registry: addressField().optional(),
  owner: addressField().optional(),
  nonce: uintField("0").optional(),
  sig: z
    .string({ error: "must be a hex string" })
    .regex(/^0x([0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/, { error: "must be 0x followed by r‖s (128 hex digits) or r‖s‖v (130)" })
    .optional(),
  deviceNFT: z
    .strictObject(
      { contract: addressField(), tokenId: uintField("42").optional() },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `has an unknown field "${issue.keys[0] ?? ""}"; it takes contract and tokenId` : "must be an object {contract, tokenId?}") },
    )
    .optional(),
  project: z
    .string({ error: "must be the project's name as a string" })
    .trim()
    .min(1, { error: "is empty" })
    .max(128, { error: "is longer than 128 characters" })
    .optional(),
  proxy: addressField().optional(),
  verifySignature: hexField(/^0x[0-9a-fA-F]{130}$/, "must be the project verifier's 65-byte signature: 0x followed by 130 hex digits").optional(),
  verifier: z
    .string({ error: "must be the project verifier's https:// URL as a string" })
    .max(2048, { error: "is longer than 2048 characters" })
    .regex(/^https?:\/\/\S+$/i, { error: "must be an https:// URL without spaces" })
    .optional(),
});

export function payloadError(said: Text, details: Record<string, unknown> = {}): DeviceError {
  return new DeviceError("payload-invalid", said, { details });
}
