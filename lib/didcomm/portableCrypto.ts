import { cbc } from "@noble/ciphers/aes";
import { ccmDecrypt, ccmEncrypt } from "./aesCcm";
import type { DidcommCrypto } from "./cryptoPort";
import { signBytes, verifyBytes } from "./jws";
import { ecdhX, ephemeralKeyFrom, freshEphemeralKey } from "./keyAgreement";

/** The default everywhere: WebCrypto for the curve arithmetic where it has it, audited @noble code for the rest. */
export const portableCrypto: DidcommCrypto = {
  freshEphemeralKey,
  ephemeralKeyFrom,
  ecdhX,
  ccmEncrypt,
  ccmDecrypt,
  cbcEncrypt: (key, iv, data) => cbc(key, iv, { disablePadding: true }).encrypt(data),
  cbcDecrypt: (key, iv, data) => cbc(key, iv, { disablePadding: true }).decrypt(data),
  sign: async (crv, message, privateKey) => signBytes(message, { crv, privateKey }),
  verify: async (crv, message, signature, publicKey) => verifyBytes(message, signature, { crv, publicKey }),
};
