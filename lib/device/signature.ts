import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, getAddress, isAddress, isAddressEqual, numberToHex, type Address, type Hex } from "viem";
import { addressFromPublicKey, parseDid } from "../did/did";
import { DeviceError, preview } from "../untrusted/errors";
import { text } from "../i18n/text";

const N = secp256k1.CURVE.n;
const HALF_N = N >> 1n;

/** A 32-byte digest as lowercase 0x hex; the device signs exactly these bytes. */
export function parseDigest(digest: unknown): Hex {
  if (digest instanceof Uint8Array) {
    if (digest.length !== 32) throw new DeviceError("digest-invalid", text("DeviceErrors.signature.digestLength", { count: digest.length }));
    return bytesToHex(digest);
  }
  if (typeof digest !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(digest)) {
    throw new DeviceError("digest-invalid", text("DeviceErrors.signature.digestFormat", { digest: preview(digest) }));
  }
  return digest.toLowerCase() as Hex;
}

export interface DeviceSignature {
  /** The recovered v, as the registry's `register(..., v, r, s)` takes it. */
  v: 27 | 28;
  yParity: 0 | 1;
  /** r and s exactly as the device produced them: ecrecover accepts high s, so nothing is normalised. */
  r: Hex;
  s: Hex;
  highS: boolean;
  signer: Address;
  /** r‖s‖v, 65 bytes, for APIs that take one blob. */
  serialized: Hex;
}

/**
 * Finds v for a device's r‖s by recovering with v = 27, then 28, and keeping the one that
 * yields the device address. Also accepts r‖s‖v (v ∈ 0, 1, 27, 28).
 */
export function recoverDeviceSignature({ digest, rs, device }: { digest: unknown; rs: unknown; device: unknown }): DeviceSignature {
  const digestHex = parseDigest(digest);
  const deviceAddress = parseDeviceAddress(device);
  const { r, s, givenParity } = parseRs(rs);
  const highS = s > HALF_N;
  const candidates = ([0, 1] as const).map((yParity) => ({ yParity, signer: recoverSigner(digestHex, r, s, yParity) }));
  const match = candidates.find((c) => c.signer !== undefined && isAddressEqual(c.signer, deviceAddress));
  if (!match) {
    const givenSigner = givenParity === undefined ? undefined : candidates[givenParity]?.signer;
    const recovered = candidates.filter((c) => c.signer !== undefined).map((c) => `${c.signer} (v=${27 + c.yParity})`);
    const device = deviceAddress;
    const said =
      givenParity !== undefined
        ? givenSigner
          ? text("DeviceErrors.signature.madeBy", { signer: givenSigner, device })
          : text("DeviceErrors.signature.noKeyForV", { v: 27 + givenParity, device })
        : recovered.length === 0
          ? text("DeviceErrors.signature.noKey", { device })
          : recovered.length === 1
            ? text("DeviceErrors.signature.madeBy", { signer: recovered[0]!, device })
            : text("DeviceErrors.signature.madeByEither", { first: recovered[0]!, second: recovered[1]!, device });
    throw new DeviceError("signature-wrong-signer", said, {
      details: { device: deviceAddress, candidates: candidates.map((c) => ({ v: 27 + c.yParity, signer: c.signer })) },
    });
  }
  const v = (27 + match.yParity) as 27 | 28;
  const rHex = numberToHex(r, { size: 32 });
  const sHex = numberToHex(s, { size: 32 });
  return {
    v,
    yParity: match.yParity,
    r: rHex,
    s: sHex,
    highS,
    signer: match.signer!,
    serialized: `${rHex}${sHex.slice(2)}${v.toString(16)}` as Hex,
  };
}

/**
 * ecrecover semantics, high s included. The s → n − s mirror with a flipped recovery bit names
 * the same public key, so recovery runs on the low-s twin and never depends on whether a
 * library accepts high s.
 */
export function recoverSigner(digest: Hex, r: bigint, s: bigint, yParity: 0 | 1): Address | undefined {
  if (r <= 0n || r >= N || s <= 0n || s >= N) return undefined;
  const high = s > HALF_N;
  try {
    const sig = new secp256k1.Signature(r, high ? N - s : s).addRecoveryBit(high ? yParity ^ 1 : yParity);
    return addressFromPublicKey(sig.recoverPublicKey(digest.slice(2)).toRawBytes(false));
  } catch {
    return undefined;
  }
}

/** The equivalent low-s signature (s → n − s, v flipped), for verifiers that insist on EIP-2. */
export function toLowS(sig: Pick<DeviceSignature, "v" | "r" | "s">): { v: 27 | 28; r: Hex; s: Hex } {
  const s = BigInt(sig.s);
  if (s <= HALF_N) return { v: sig.v, r: sig.r, s: sig.s };
  return { v: sig.v === 27 ? 28 : 27, r: sig.r, s: numberToHex(N - s, { size: 32 }) };
}

function parseDeviceAddress(device: unknown): Address {
  if (typeof device === "string" && /^did:/i.test(device.trim())) return parseDid(device).address;
  if (typeof device === "string" && isAddress(device, { strict: false })) return getAddress(device);
  throw new DeviceError("did-invalid", text("DeviceErrors.signature.deviceFormat", { device: preview(device) }));
}

function parseRs(rs: unknown): { r: bigint; s: bigint; givenParity: 0 | 1 | undefined } {
  const hex = typeof rs === "string" ? rs.trim().replace(/^0x/i, "") : rs instanceof Uint8Array ? bytesToHex(rs).slice(2) : undefined;
  if (hex === undefined || !/^[0-9a-fA-F]*$/.test(hex) || (hex.length !== 128 && hex.length !== 130)) {
    throw new DeviceError(
      "signature-malformed",
      text("DeviceErrors.signature.rsFormat", {
        signature: preview(rs, 40),
        found: hex === undefined ? typeof rs : /^[0-9a-fA-F]*$/.test(hex) ? "hex" : "nonHex",
        count: hex?.length ?? 0,
      }),
    );
  }
  const r = BigInt(`0x${hex.slice(0, 64)}`);
  const s = BigInt(`0x${hex.slice(64, 128)}`);
  if (r === 0n || r >= N) throw new DeviceError("signature-malformed", text("DeviceErrors.signature.rRange"));
  if (s === 0n || s >= N) throw new DeviceError("signature-malformed", text("DeviceErrors.signature.sRange"));
  let givenParity: 0 | 1 | undefined;
  if (hex.length === 130) {
    const v = parseInt(hex.slice(128), 16);
    if (v === 0 || v === 27) givenParity = 0;
    else if (v === 1 || v === 28) givenParity = 1;
    else throw new DeviceError("signature-malformed", text("DeviceErrors.signature.vByte", { v }));
  }
  return { r, s, givenParity };
}
