import { isAddressEqual, type Address } from "viem";
import { addressFromPublicKey } from "./did";
import { secp256k1AddressFromJwk, type DidDocument, type VerificationMethod } from "./didDocument";
import { ioConnectKeyAddress, methodIdAddress, verifyDidDocumentAgainstItsDid } from "./keyBinding";
import type { Text } from "../i18n/text";
import { saidOf } from "../untrusted/errors";

// What the device page shows of a DID Document, one card per verification method and service, as plain data:
// every value here is untrusted text from whoever registered the device, and the UI renders it as text only.

const RELATIONSHIPS = ["authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export interface MethodCard {
  id: string;
  type: string;
  controller: string;
  /** "secp256k1", "P-256", "Ed25519", … from the JWK crv or the method type; "unknown" otherwise. */
  curve: string;
  /** How the key is written: publicKeyJwk, publicKeyHex, publicKeyMultibase, publicKeyBase58. */
  format: string | undefined;
  relationships: Relationship[];
  /** For secp256k1 keys: the address the key hashes to, and whether it is the device. */
  derivedAddress: Address | undefined;
  matchesDevice: boolean | undefined;
  /** For ioConnect EC keys (P-256 too): whether the key hashes to the did:io its id names. */
  matchesItsDid: boolean | undefined;
  problem: Text | undefined;
}

export interface ServiceCard {
  id: string;
  types: string[];
  /** Endpoints as text: strings as given, objects as compact JSON. Never turned into links. */
  endpoints: string[];
}

export interface DocumentSummary {
  id: string;
  idMatchesDevice: boolean;
  /** The method whose key hashes to the document's own did:io, if one does (verifyDidDocumentAgainstItsDid). */
  idKey: string | undefined;
  controllers: string[];
  alsoKnownAs: string[];
  methods: MethodCard[];
  services: ServiceCard[];
  /** Relationship entries that reference a method the document does not define. */
  danglingReferences: string[];
}

const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A reference and a method id name the same method when equal once made absolute (`#key-1` → `<doc id>#key-1`), in any case. */
const methodKey = (reference: string, docId: string) => (reference.startsWith("#") ? `${docId}${reference}` : reference).toLowerCase();

export function summarizeDidDocument(doc: DidDocument, device: Address | undefined): DocumentSummary {
  const methods = new Map<string, { method: VerificationMethod; relationships: Relationship[] }>();
  // References are looked up by key, not by scanning every method: a 64 KB document can hold thousands of both.
  const byKey = new Map<string, { method: VerificationMethod; relationships: Relationship[] }>();
  const add = (method: VerificationMethod, relationships: Relationship[]) => {
    const entry = { method, relationships };
    methods.set(method.id, entry);
    // The first method under a key answers for it; a repeated id replaces its own earlier entry.
    const key = methodKey(method.id, doc.id);
    const prior = byKey.get(key);
    if (!prior || prior.method.id === method.id) byKey.set(key, entry);
    return entry;
  };
  for (const method of doc.verificationMethod ?? []) add(method, []);
  const dangling: string[] = [];
  for (const rel of RELATIONSHIPS) {
    for (const entry of doc[rel] ?? []) {
      if (typeof entry !== "string") {
        const existing = methods.get(entry.id);
        if (existing) existing.relationships.push(rel);
        else add(entry, [rel]);
        continue;
      }
      const target = byKey.get(methodKey(entry, doc.id));
      if (target) target.relationships.push(rel);
      else dangling.push(`${rel}: ${entry}`);
    }
  }
  const idMatchesDevice = device !== undefined && doc.id.toLowerCase() === `did:io:${device.toLowerCase()}`;
  return {
    id: doc.id,
    idMatchesDevice,
    idKey: keyOfId(doc),
    controllers: asArray(doc.controller),
    alsoKnownAs: doc.alsoKnownAs ?? [],
    methods: [...methods.values()].map(({ method, relationships }) => methodCard(method, relationships, device, doc.id)),
    services: (doc.service ?? []).map((s) => ({
      id: s.id,
      types: asArray(s.type),
      endpoints: asArray(s.serviceEndpoint).map((e) => (typeof e === "string" ? e : JSON.stringify(e))),
    })),
    danglingReferences: dangling,
  };
}

function keyOfId(doc: DidDocument): string | undefined {
  try {
    return verifyDidDocumentAgainstItsDid(doc).verificationMethodId;
  } catch {
    return undefined;
  }
}

function methodCard(method: VerificationMethod, relationships: Relationship[], device: Address | undefined, docId: string): MethodCard {
  const format = (["publicKeyJwk", "publicKeyHex", "publicKeyMultibase", "publicKeyBase58"] as const).find((f) => method[f] !== undefined);
  const crv = method.publicKeyJwk?.crv;
  const curve = crv ?? (/secp256k1/i.test(method.type) ? "secp256k1" : /ed25519/i.test(method.type) ? "Ed25519" : /p-?256/i.test(method.type) ? "P-256" : "unknown");
  let derivedAddress: Address | undefined;
  let problem: Text | undefined;
  if (curve === "secp256k1") {
    try {
      if (method.publicKeyJwk) derivedAddress = secp256k1AddressFromJwk(method.publicKeyJwk);
      else if (method.publicKeyHex) derivedAddress = addressFromPublicKey(`0x${method.publicKeyHex.replace(/^0x/i, "")}`);
    } catch (error) {
      problem = saidOf(error);
    }
  }
  let matchesItsDid: boolean | undefined;
  try {
    const keyAddress = ioConnectKeyAddress(method);
    const named = methodIdAddress(method.id, docId);
    if (keyAddress && named) matchesItsDid = isAddressEqual(keyAddress, named);
  } catch (error) {
    problem ??= saidOf(error);
  }
  return {
    id: method.id,
    type: method.type,
    controller: method.controller,
    curve,
    format,
    relationships,
    derivedAddress,
    matchesDevice: derivedAddress && device ? isAddressEqual(derivedAddress, device) : undefined,
    matchesItsDid,
    problem,
  };
}

// Bidi overrides can make "moc.live" read as "evil.com"; zero-width and control characters hide text.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Untrusted text with its invisible and direction-changing characters spelt out, e.g. "⟨U+202E⟩". */
export function revealInvisibles(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}
