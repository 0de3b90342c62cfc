import type { Address } from "viem";
import type { DeviceView } from "../chain/devices";
import { parseDid } from "./did";
import { isDeviceError } from "../untrusted/errors";
import { MAX_DOCUMENT_BYTES } from "./documentFetch";
import { english } from "../i18n/renderText";
import { describeHashCheck, unverifiable, type HashCheck } from "./hashCheck";
import type { HashContext } from "./nonDocumentHash";
import {
  DID_DOCUMENT_CONTENT_TYPE,
  DID_RESOLUTION_CONTEXT,
  type DidDocumentMetadata,
  type DidResolutionMetadata,
  type DidResolutionResult,
  type DocumentRetrieval,
  type ResolutionError,
} from "./resolutionResult";
import type { ResolverDeps } from "./resolverDeps";
import { retrieveDocument, type Retrieved } from "./retrieve";

// did:io resolution (W3C DID Resolution): DID → device address → registry record (one eth_call) → document
// (data:/ipfs/https, see documentFetch.ts) → hash check against the on-chain documentHash. The same function
// serves the /1.0/identifiers route, the device page and, through getResolver() (getResolver.ts), any TypeScript code.

export interface ResolveOptions {
  /** A configured chain id (number or decimal string); default: deps.defaultChainId. */
  chainId?: number | string | undefined;
  includeRaw?: boolean;
  signal?: AbortSignal;
}

const failure = (error: ResolutionError, errorMessage: string, extra: Partial<DidResolutionMetadata> = {}): DidResolutionResult => ({
  "@context": DID_RESOLUTION_CONTEXT,
  didDocument: null,
  didResolutionMetadata: { error, errorMessage, ...extra },
  didDocumentMetadata: {},
});

/** Checks the identifier alone: the right method and a did:io:0x… id, or the W3C error saying why not. */
export function parseIoDidForResolution(did: unknown): { ok: true; address: Address; did: string } | { ok: false; result: DidResolutionResult } {
  const text = typeof did === "string" ? did.trim() : "";
  const syntax = /^did:([a-z0-9]+):(\S+)$/.exec(text);
  if (!syntax) return { ok: false, result: failure("invalidDid", `"${text.slice(0, 80)}" is not a DID (did:<method>:<id>).`) };
  if (syntax[1] !== "io") return { ok: false, result: failure("methodNotSupported", `This resolver knows did:io only, not did:${syntax[1]}.`) };
  try {
    const parsed = parseDid(text);
    return { ok: true, address: parsed.address, did: parsed.did };
  } catch (error) {
    // The resolver answers in English (W3C DID Resolution metadata is read by programs and their logs).
    const message = isDeviceError(error) ? english(error.said) : "Malformed did:io identifier.";
    return { ok: false, result: failure("invalidDid", message) };
  }
}

export async function resolveDidIo(did: string, deps: ResolverDeps, options: ResolveOptions = {}): Promise<DidResolutionResult> {
  const started = Date.now();
  const parsed = parseIoDidForResolution(did);
  if (!parsed.ok) return parsed.result;

  const chainId = options.chainId === undefined || options.chainId === "" ? deps.defaultChainId : Number(options.chainId);
  const chain = deps.chains.find((c) => c.chainId === chainId);
  if (!chain) {
    return failure("invalidOptions", `Chain ${String(options.chainId).slice(0, 20)} is not configured here; use one of ${deps.chains.map((c) => c.chainId).join(", ")}.`);
  }
  const base: DidResolutionMetadata = {
    contentType: DID_DOCUMENT_CONTENT_TYPE,
    did: { didString: parsed.did, method: "io", methodSpecificId: parsed.did.slice("did:io:".length) },
    chainId,
    registry: chain.registry,
  };

  let record: DeviceView & { blockNumber: bigint };
  try {
    record = await chain.readDevice(parsed.address);
  } catch (error) {
    return failure("internalError", `The chain ${chainId} RPC did not answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, base);
  }
  const meta: DidResolutionMetadata = { ...base, blockNumber: record.blockNumber.toString() };
  const finish = (result: Omit<DidResolutionResult, "@context">): DidResolutionResult => {
    result.didResolutionMetadata.retrieved = new Date().toISOString();
    result.didResolutionMetadata.duration = Date.now() - started;
    return { "@context": DID_RESOLUTION_CONTEXT, ...result };
  };

  if (!record.registered) {
    // Nonces only move through register/update/remove: a used nonce without a record means it was removed.
    if (record.nonce > 0n) {
      return finish({ didDocument: null, didResolutionMetadata: meta, didDocumentMetadata: { deactivated: true, versionId: record.nonce.toString() } });
    }
    return finish({ didDocument: null, didResolutionMetadata: { ...meta, error: "notFound", errorMessage: `${parsed.did} has no ioID registration on chain ${chainId}.` }, didDocumentMetadata: {} });
  }

  const documentMetadata = documentMetadataOf(record);
  const onChainHash = record.documentHash!;
  const uriState = record.documentURI;
  const context: HashContext = { device: parsed.address, chainId, registry: chain.registry, owner: record.owner, nonce: record.nonce };
  if (uriState.state !== "ok" && uriState.state !== "deferred") {
    const why = uriState.state === "over-cap" ? `its documentURI is ${uriState.length} characters, over the ${MAX_DOCUMENT_BYTES / 1024} KB limit` : "its documentURI could not be read";
    return finish({
      didDocument: null,
      didResolutionMetadata: { ...meta, error: "documentUnavailable", errorMessage: `The document was not retrieved: ${why}.`, hashCheck: withWords(unverifiable(onChainHash, why, context)) },
      didDocumentMetadata: documentMetadata,
    });
  }

  let uri = uriState.state === "ok" ? uriState.uri : "";
  let retrieved: Retrieved;
  try {
    if (uriState.state === "deferred") uri = await chain.readDocumentUri(parsed.address);
    retrieved = await retrieveDocument(deps, { chainId, registry: chain.registry, device: parsed.address, documentHash: onChainHash, documentUri: uri, did: parsed.did }, context, options.signal);
  } catch (error) {
    retrieved = { cached: false, fetchError: { code: "internal", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) } };
  }
  const cached = retrieved.cached;
  if ("fetchError" in retrieved) {
    const { fetchError } = retrieved;
    return finish({
      didDocument: null,
      didResolutionMetadata: {
        ...meta,
        error: "documentUnavailable",
        errorMessage: `The DID Document could not be retrieved: ${fetchError.message}`,
        cached,
        document: { uri: uri.slice(0, 200), uriLength: uri.length, fetchError },
        hashCheck: withWords(unverifiable(onChainHash, fetchError.message, context)),
      },
      didDocumentMetadata: documentMetadata,
    });
  }
  const doc = retrieved.doc;

  const document: DocumentRetrieval = { ...doc.retrieval, ...(options.includeRaw ? { raw: doc.raw } : {}) };
  const hashCheck = withWords(doc.hashCheck);
  const problem =
    doc.documentError ??
    (doc.hashCheck.result === "mismatch" ? { error: "documentHashMismatch" as const, message: `${hashCheck.label}: ${hashCheck.message}` } : undefined);
  // DID Resolution: an error answer carries no document. The bytes stay available (`raw=1`) for whoever wants
  // to see what was served, but nothing that reads `didDocument` can take a tampered document's keys.
  return finish({
    didDocument: problem ? null : (doc.document ?? null),
    didResolutionMetadata: { ...meta, cached, document, hashCheck, ...(problem ? { error: problem.error, errorMessage: problem.message } : {}) },
    didDocumentMetadata: documentMetadata,
  });
}

function withWords(check: HashCheck): HashCheck & { label: string; message: string } {
  // The resolver answers other programs too: its words are the English ones.
  const { label, sentence } = describeHashCheck(check);
  return { ...check, label: english(label), message: english(sentence) };
}

function documentMetadataOf(v: DeviceView): DidDocumentMetadata {
  return {
    versionId: v.nonce.toString(),
    ...(v.documentHash ? { documentHash: v.documentHash } : {}),
    ioID: {
      tokenId: (v.id ?? 0n).toString(),
      owner: v.owner ?? null,
      wallet: v.wallet ?? null,
      walletBalance: v.walletBalance.toString(),
      project: v.project ? { id: v.project.id.toString(), name: v.project.name } : null,
      deviceNFT: v.deviceNFT ? { contract: v.deviceNFT.contract, tokenId: v.deviceNFT.tokenId?.toString() ?? null } : null,
    },
  };
}
