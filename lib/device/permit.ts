import { concat, encodeAbiParameters, getAddress, hashDomain, hashTypedData, isAddress, isHex, keccak256, stringToBytes, type Address, type Hex } from "viem";
import { z } from "zod";
import { DeviceError, describeZodError } from "../untrusted/errors";
import { text } from "../i18n/text";

// The device's consent to a binding: ioIDRegistry's EIP-712 Permit(owner, nonce).
// register / update / remove / migrate all verify this same struct with raw ecrecover.

export const PERMIT_DOMAIN_NAME = "ioIDRegistry";
export const PERMIT_DOMAIN_VERSION = "1";
export const PERMIT_TYPEHASH: Hex = keccak256(stringToBytes("Permit(address owner,uint256 nonce)"));

export const permitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

const UINT256_MAX = (1n << 256n) - 1n;

const addressSchema = z
  .string({ error: "expected a 0x address" })
  .refine((s) => isAddress(s, { strict: false }), "expected a 0x address with 40 hex digits")
  .transform((s) => getAddress(s));
const uintSchema = (what: string, max: bigint) =>
  z
    .union([z.bigint(), z.number().int().nonnegative(), z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/)], { error: `${what} must be a non-negative integer` })
    .transform((v) => BigInt(v))
    .refine((v) => v >= 0n && v <= max, `${what} is out of range`);

const domainParamsSchema = z.object({
  chainId: uintSchema("chainId", UINT256_MAX).refine((v) => v > 0n, "chainId must be positive"),
  registry: addressSchema,
});
const messageParamsSchema = z.object({ owner: addressSchema, nonce: uintSchema("nonce", UINT256_MAX) });

export interface PermitParams {
  chainId: number | bigint;
  /** The ioIDRegistry proxy address (the EIP-712 verifyingContract). */
  registry: Address;
  /** Who the device consents to: msg.sender for the 8-argument register, `user` for the 9-argument one. */
  owner: Address;
  /** `ioIDRegistry.nonces(device)` read just before signing. */
  nonce: number | bigint;
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new DeviceError("permit-invalid", text("DeviceErrors.permit.invalid", { detail: describeZodError(result.error) }), { cause: result.error });
  return result.data;
}

/** Typed data for viem's signTypedData / hashTypedData (also what a test wallet signs in place of a device). */
export function permitTypedData(params: PermitParams) {
  const { chainId, registry } = check(domainParamsSchema, params);
  const { owner, nonce } = check(messageParamsSchema, params);
  return {
    domain: { name: PERMIT_DOMAIN_NAME, version: PERMIT_DOMAIN_VERSION, chainId, verifyingContract: registry },
    types: permitTypes,
    primaryType: "Permit",
    message: { owner, nonce },
  } as const;
}

export function permitDigest(params: PermitParams): Hex {
  return hashTypedData(permitTypedData(params));
}

export function permitDomainSeparator(params: Pick<PermitParams, "chainId" | "registry">): Hex {
  const { chainId, registry } = check(domainParamsSchema, params);
  return hashDomain({
    domain: { name: PERMIT_DOMAIN_NAME, version: PERMIT_DOMAIN_VERSION, chainId, verifyingContract: registry },
    types: { EIP712Domain: [
      { name: "name", type: "string" },
      { name: "version", type: "string" },
      { name: "chainId", type: "uint256" },
      { name: "verifyingContract", type: "address" },
    ] },
  });
}

/** The struct hash; equals the registry's `permitHash(owner, device)` for the current nonce. */
export function permitStructHash(owner: Address, nonce: number | bigint): Hex {
  const parsed = check(messageParamsSchema, { owner, nonce });
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "address" }, { type: "uint256" }], [PERMIT_TYPEHASH, parsed.owner, parsed.nonce]));
}

/**
 * The digest from the registry's own separator. The registry caches its separator at
 * initialize, so on a fork (or any chain whose id differs from deploy time) only the
 * on-chain `DOMAIN_SEPARATOR()` gives a digest it will accept.
 */
export function permitDigestFromDomainSeparator(domainSeparator: Hex, owner: Address, nonce: number | bigint): Hex {
  if (typeof domainSeparator !== "string" || !isHex(domainSeparator, { strict: true }) || domainSeparator.length !== 66) {
    throw new DeviceError("permit-invalid", text("DeviceErrors.permit.domainSeparator", { value: String(domainSeparator).slice(0, 80) }));
  }
  return keccak256(concat(["0x1901", domainSeparator, permitStructHash(owner, nonce)]));
}
