import { formatLikeCJSON } from "@/lib/did/cjson";
import { b64uEncode, utf8 } from "./base64";
import { DIDCOMM_SIGNED_TYP, signBytes, verifyJws, verifyJwsWith, type JwsSigner, type JwsVerifier, type SignatureCheck, type VerifiedJws } from "./jws";

/**
 * DIDComm signed messages as `didcomm_message_pack_signed` writes them (`message.c:613-710`):
 * tab-indented header and envelope, `alg` "Es256K" or "Es256", and the signature taken over
 * ASCII(protected "." payload) followed by one 0x00 byte.
 */
export function packSignedMessage(payloadJson: string, signer: JwsSigner & { kid: string }): string {
  const header = { typ: DIDCOMM_SIGNED_TYP, alg: signer.crv === "secp256k1" ? "Es256K" : "Es256" };
  const protectedB64 = b64uEncode(utf8(formatLikeCJSON(header)));
  const payloadB64 = b64uEncode(utf8(payloadJson));
  const signature = b64uEncode(signBytes(utf8(`${protectedB64}.${payloadB64}\u0000`), signer));
  return formatLikeCJSON({ payload: payloadB64, signatures: [{ protected: protectedB64, signature, header: { kid: signer.kid } }] });
}

export function verifySignedMessage(text: string, verifier: JwsVerifier): VerifiedJws {
  return verifyJws(text, verifier, { trailingNul: true });
}

export function verifySignedMessageWith(text: string, check: SignatureCheck): Promise<VerifiedJws> {
  return verifyJwsWith(text, check, { trailingNul: true });
}

/** A DIDComm plaintext message with its members in ioConnect's order (`message.c`), printed like cJSON_Print. */
export interface PlaintextMessage {
  id: string;
  typ?: string;
  type: string;
  from?: string;
  to?: string[];
  thid?: string;
  pthid?: string;
  created_time?: number;
  expires_time?: number;
  from_prior?: string;
  body: unknown;
}

export function packPlaintextMessage(m: PlaintextMessage): string {
  const ordered = {
    id: m.id,
    typ: m.typ,
    type: m.type,
    from: m.from,
    to: m.to,
    thid: m.thid,
    pthid: m.pthid,
    created_time: m.created_time,
    expires_time: m.expires_time,
    from_prior: m.from_prior,
    body: m.body,
  };
  return formatLikeCJSON(ordered);
}
