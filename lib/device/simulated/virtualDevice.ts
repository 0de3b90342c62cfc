import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, hexToBytes, keccak256, numberToHex, sha256, stringToBytes, type Address, type Hex } from "viem";
import { z } from "zod";
import { formatLikeCJSON } from "../../did/cjson";
import { addressFromPublicKey, formatDid, type IoDid } from "../../did/did";
import { buildIoConnectDidDocument, type IoConnectDidDocument } from "../../did/didDocument";
import { DeviceError, describeZodError } from "../../untrusted/errors";
import { SIGN_FAILURE, type DidAnswer, type SignAnswer, type SignFailureAnswer } from "../ioconnect";
import { parseDigest } from "../signature";
import { text } from "../../i18n/text";

export { formatLikeCJSON };

// The ioConnect DeviceRegister logic without a transport: the Node HTTP device, the e2e
// BLE/serial stand-ins and unit tests all wrap this one object, so they cannot drift apart.

/** How the virtual device shapes s: real devices do not enforce low s, and the app must cope. */
export type HighSMode = "random" | "always" | "never";

export interface VirtualDeviceOptions {
  /** Derives both keys deterministically, so a seed names the same device on every run. */
  seed?: string;
  /** A fixed secp256k1 key; takes precedence over `seed` for the signing key. */
  privateKey?: Hex;
  projectName?: string;
  highS?: HighSMode;
  /** Publish each JWK with `"d": ""`, as ioConnect does when no private key is loaded (IoTeX's Sprout documents). */
  emptyD?: boolean;
}

export type SignRequestOutcome =
  | { kind: "signed"; answer: SignAnswer; digest: Hex; note?: string }
  /** The firmware answers `{"Sign":"Failed to Signature"}`. */
  | { kind: "failed"; answer: SignFailureAnswer; reason: string }
  /** Over HTTP the firmware gives no answer and closes the connection; over serial it answers the failure object. */
  | { kind: "unreadable"; reason: string };

export interface VirtualDevice {
  readonly did: IoDid;
  readonly address: Address;
  /** 0x04‖X‖Y, as in the /did `puk`. */
  readonly publicKey: Hex;
  readonly p256PublicKey: Hex;
  /** The key-agreement private key (ioConnect's PSA key 2), for the inbox client's decryption. */
  readonly p256PrivateKey: Hex;
  readonly projectName: string;
  readonly highS: HighSMode;
  didJson(): DidAnswer;
  diddocJson(): { diddoc: IoConnectDidDocument; signature: string };
  /** r‖s over exactly these 32 bytes; no v, like the firmware. Throws `digest-invalid` on anything but 0x + 64 hex. */
  sign(digest: Hex): SignAnswer;
  /** A raw request body with the firmware's leniency (see PROTOCOL.md §5). Never throws. */
  handleSignRequest(body: string | Uint8Array | undefined): SignRequestOutcome;
  /** One serial line: `getdid`, `getdiddoc`, or a sign request body. */
  handleSerialCommand(line: string): DidAnswer | { diddoc: IoConnectDidDocument; signature: string } | SignAnswer | SignFailureAnswer;
}

/** The firmware's receive buffer; longer bodies crash the Linux example, we refuse them. */
export const MAX_SIGN_REQUEST_BYTES = 1024;

const optionsSchema = z.object({
  seed: z.string().optional(),
  privateKey: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "privateKey must be 0x followed by 64 hex digits")
    .refine((k) => secp256k1.utils.isValidPrivateKey(k.slice(2)), "privateKey is zero or not below the secp256k1 order")
    .optional(),
  projectName: z.string().optional(),
  highS: z.enum(["random", "always", "never"]).optional(),
  emptyD: z.boolean().optional(),
});

/** keccak256(label) mapped into [1, n − 1]; the bias is negligible and determinism is the point. */
export function deriveScalar(label: string, order: bigint): Hex {
  const h = BigInt(keccak256(stringToBytes(label)));
  return numberToHex((h % (order - 1n)) + 1n, { size: 32 });
}

export function createVirtualDevice(options: VirtualDeviceOptions = {}): VirtualDevice {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new DeviceError("key-invalid", text("DeviceErrors.virtualDevice.options", { detail: describeZodError(parsed.error) }));
  const { seed, privateKey, projectName = "IoTeX_Simulator", highS = "random", emptyD = false } = parsed.data;

  const k1Key: Hex =
    privateKey !== undefined
      ? (privateKey.toLowerCase() as Hex)
      : seed !== undefined
        ? deriveScalar(`ioid-virtual-device:${seed}:secp256k1`, secp256k1.CURVE.n)
        : bytesToHex(secp256k1.utils.randomPrivateKey());
  const p256Label = seed ?? privateKey?.toLowerCase();
  const p256Key: Hex = p256Label !== undefined ? deriveScalar(`ioid-virtual-device:${p256Label}:p256`, p256.CURVE.n) : bytesToHex(p256.utils.randomPrivateKey());

  const k1Bytes = hexToBytes(k1Key);
  const publicKey = bytesToHex(secp256k1.getPublicKey(k1Bytes, false));
  const p256PublicKey = bytesToHex(p256.getPublicKey(hexToBytes(p256Key), false));
  const address = addressFromPublicKey(publicKey);
  const did = formatDid(address);
  const diddoc = buildIoConnectDidDocument({ secp256k1PublicKey: publicKey, p256PublicKey });
  if (emptyD) {
    // In ioConnect's member order: crv, x, y, d, kty, kid.
    for (const method of diddoc.verificationMethod) {
      const { crv, x, y, kty, kid } = method.publicKeyJwk;
      method.publicKeyJwk = { crv, x, y, d: "", kty, kid };
    }
  }

  // ESP32 firmware signs SHA-256(did ‖ puk) with the device key; informational only.
  const didSignature = secp256k1.sign(hexToBytes(sha256(stringToBytes(did + publicKey))), k1Bytes).toCompactHex();
  // The firmware signs the document text before serialising; we sign its compact JSON.
  const diddocSignature = secp256k1.sign(hexToBytes(sha256(stringToBytes(JSON.stringify(diddoc)))), k1Bytes).toCompactHex();

  let lastDigest: Hex | undefined;

  function sign(digest: Hex): SignAnswer {
    const hex = parseDigest(digest);
    const sig = secp256k1.sign(hexToBytes(hex), k1Bytes, { lowS: highS === "never" });
    const s = highS === "always" && !sig.hasHighS() ? secp256k1.CURVE.n - sig.s : sig.s;
    return { sign: `0x${numberToHex(sig.r, { size: 32 }).slice(2)}${numberToHex(s, { size: 32 }).slice(2)}` };
  }

  function handleSignRequest(body: string | Uint8Array | undefined): SignRequestOutcome {
    const text = body === undefined ? "" : typeof body === "string" ? body : new TextDecoder().decode(body);
    if (stringToBytes(text).length > MAX_SIGN_REQUEST_BYTES) {
      return { kind: "unreadable", reason: `body is over ${MAX_SIGN_REQUEST_BYTES} bytes (the firmware's buffer; the Linux example crashes)` };
    }
    if (text.trim() === "") {
      // The firmware keeps the last request in a shared buffer and signs it again.
      if (lastDigest === undefined) return { kind: "failed", answer: SIGN_FAILURE, reason: "empty body and no earlier request to repeat" };
      return { kind: "signed", answer: sign(lastDigest), digest: lastDigest, note: "empty body: signed the previous request's digest again, like the firmware" };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { kind: "unreadable", reason: "body is not JSON" };
    }
    const hexField = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { hex?: unknown }).hex : undefined;
    if (typeof hexField !== "string") return { kind: "unreadable", reason: 'body has no "hex" string' };
    const digits = hexField.trim().replace(/^0x/i, "");
    // The firmware would sign garbage here; we refuse what cannot be a digest at all.
    if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(digits)) {
      return { kind: "failed", answer: SIGN_FAILURE, reason: `"hex" is not an even number of hex digits: ${hexField.slice(0, 80)}` };
    }
    let note: string | undefined;
    let fixed = digits.toLowerCase();
    if (fixed.length < 64) {
      note = `"hex" had ${fixed.length / 2} bytes; left-padded with zeros to 32, like the firmware`;
      fixed = fixed.padStart(64, "0");
    } else if (fixed.length > 64) {
      note = `"hex" had ${fixed.length / 2} bytes; kept the first 32, like the firmware`;
      fixed = fixed.slice(0, 64);
    }
    const digest = `0x${fixed}` as Hex;
    lastDigest = digest;
    return note === undefined ? { kind: "signed", answer: sign(digest), digest } : { kind: "signed", answer: sign(digest), digest, note };
  }

  const didJson = (): DidAnswer => ({ did, puk: publicKey, project_name: projectName, signature: didSignature });
  const diddocJson = () => ({ diddoc: structuredClone(diddoc), signature: diddocSignature });

  return {
    did,
    address,
    publicKey,
    p256PublicKey,
    p256PrivateKey: p256Key,
    projectName,
    highS,
    didJson,
    diddocJson,
    sign,
    handleSignRequest,
    handleSerialCommand(line) {
      const command = line.trim();
      if (command === "getdid") return didJson();
      if (command === "getdiddoc") return diddocJson();
      const outcome = handleSignRequest(line);
      return outcome.kind === "signed" ? outcome.answer : SIGN_FAILURE;
    },
  };
}
