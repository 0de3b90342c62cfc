import { stringToBytes } from "viem";
import { ChainConfigError, readChainEnv } from "../chain/chainEnv";
import { fromIoAddress } from "../did/ioAddress";
import { parseStoredClaim } from "../claim/storedClaim";
import { parseStoredFleet } from "../claim/fleet/queueState";
import { parseDeviceEndpoint } from "../device/endpoint";
import { DeviceError } from "../untrusted/errors";
import { parseDeviceAnswer, parseDidAnswer, parseDidDocAnswer, parseSignAnswer } from "../device/ioconnect";
import { MAX_JSON_TEXT_LENGTH, parseJsonText } from "../untrusted/json";
import { parseClaimInput } from "../claim/input/parse";
import { MAX_CLAIM_INPUT_BYTES } from "../claim/input/types";
import { parseDigest, recoverDeviceSignature } from "../device/signature";
import { parseDid } from "../did/did";
import { documentFromDataUri, parseDidDocument } from "../did/didDocument";
import { parseDeviceRef } from "../did/didIo";
import { decodeDataUri, ipfsToGateway, MAX_DOCUMENT_BYTES } from "../did/documentFetch";
import { DocumentFetchError } from "../did/documentFetchError";
import { checkDataUriDocument } from "../did/hashCheck";
import { interpretDocument } from "../did/interpretDocument";
import { ipLiteral } from "../did/netGuard";
import { parseIoDidForResolution } from "../did/resolve";
import { summarizeDidDocument } from "../did/summary";
import { parseIncomingMessage } from "../embed/messages";
import { parseAllowedOrigins } from "../embed/origins";
import { parseEmbedParams } from "../embed/params";

// Every parser that reads text from outside — a device, a QR code or link, a DID Document host, a host page, the
// browser's storage, the deployment's environment — with the largest input it is meant to take. The fuzz tests
// (parsers.fuzz.test.ts) hold each to "return or refuse with its own error", the bench (scripts/bench/parsers.ts)
// measures its slowest input. Refusing an input over its bound is part of the contract.

export interface FuzzedParser {
  name: string;
  /** The longest input (characters) this parser is meant to handle; longer must be refused quickly too. */
  bound: number;
  parse(input: string): unknown;
}

const DEVICE = "0x1e7fa612bdd3137d11df9e17eb574bc20744646e";
const DID = `did:io:${DEVICE}`;
const DIGEST = `0x${"ab".repeat(32)}`;
const ONCHAIN_HASH = `0x${"11".repeat(32)}` as const;
const CONTEXT = { device: DEVICE, chainId: 4690, registry: "0x0A7e595C7889dF3652A19aF52C18377bF17e027D", owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", nonce: 2n } as const;
const fetched = (text: string) => ({ bytes: stringToBytes(text), via: "https" as const, finalUrl: "https://docs.example.com/d.json", contentType: "application/json", redirects: [] });

/** 64 KB of document bytes as a data: URI is about 88 K characters of base64, 192 K percent-encoded. */
const DATA_URI_BOUND = MAX_DOCUMENT_BYTES * 3;

export const fuzzedParsers: readonly FuzzedParser[] = [
  { name: "parseJsonText", bound: MAX_JSON_TEXT_LENGTH, parse: (s) => parseJsonText(s, "deviceAnswer") },
  { name: "parseDidAnswer", bound: MAX_JSON_TEXT_LENGTH, parse: parseDidAnswer },
  { name: "parseDidDocAnswer", bound: MAX_JSON_TEXT_LENGTH, parse: (s) => parseDidDocAnswer(s, { expectedDid: DID }) },
  { name: "parseSignAnswer", bound: MAX_JSON_TEXT_LENGTH, parse: parseSignAnswer },
  { name: "parseDeviceAnswer", bound: MAX_JSON_TEXT_LENGTH, parse: parseDeviceAnswer },
  { name: "parseDidDocument", bound: MAX_JSON_TEXT_LENGTH, parse: parseDidDocument },
  { name: "parseClaimInput", bound: MAX_CLAIM_INPUT_BYTES, parse: (s) => parseClaimInput(s, { appOrigin: "https://ioid.example" }) },
  { name: "parseDeviceEndpoint", bound: 2048, parse: parseDeviceEndpoint },
  { name: "parseDid", bound: 2048, parse: parseDid },
  { name: "parseIoDidForResolution", bound: 2048, parse: parseIoDidForResolution },
  { name: "parseDeviceRef", bound: 2048, parse: parseDeviceRef },
  { name: "parseDigest", bound: 2048, parse: parseDigest },
  { name: "recoverDeviceSignature", bound: 2048, parse: (s) => recoverDeviceSignature({ digest: DIGEST, rs: s, device: DEVICE }) },
  { name: "fromIoAddress", bound: 2048, parse: fromIoAddress },
  { name: "ipLiteral", bound: 2048, parse: ipLiteral },
  { name: "ipfsToGateway", bound: 2048, parse: (s) => ipfsToGateway(s, "https://ipfs.io/ipfs/") },
  { name: "decodeDataUri", bound: DATA_URI_BOUND, parse: (s) => decodeDataUri(s) },
  { name: "documentFromDataUri", bound: DATA_URI_BOUND, parse: documentFromDataUri },
  { name: "checkDataUriDocument", bound: DATA_URI_BOUND, parse: (s) => checkDataUriDocument(s, ONCHAIN_HASH, CONTEXT) },
  // The resolver's document check: bytes → JSON → depth → hash rules → DID Document → summary for the page.
  {
    name: "resolverDocumentCheck",
    bound: MAX_DOCUMENT_BYTES,
    parse: (s) => {
      const checked = interpretDocument("https://docs.example.com/d.json", fetched(s), ONCHAIN_HASH, DID, CONTEXT);
      return checked.document && summarizeDidDocument(checked.document, DEVICE);
    },
  },
  { name: "parseAllowedOrigins", bound: 4096, parse: parseAllowedOrigins },
  { name: "parseEmbedParams", bound: 8192, parse: (s) => parseEmbedParams(new URLSearchParams(s), { chainIds: [4689, 4690], allowedOrigins: ["https://host.example"] }) },
  { name: "parseIncomingMessage", bound: 65_536, parse: (s) => parseIncomingMessage(jsonOrText(s)) },
  { name: "parseStoredClaim", bound: 65_536, parse: (s) => parseStoredClaim(jsonOrText(s)) },
  { name: "parseStoredFleet", bound: 65_536, parse: (s) => parseStoredFleet(jsonOrText(s)) },
  { name: "readChainEnv", bound: 8192, parse: (s) => readChainEnv({ NEXT_PUBLIC_CHAINS: "4689", NEXT_PUBLIC_CHAIN_4689: s }) },
];

/** What the storage and postMessage readers get: the JSON value when the text is JSON, else the text itself. */
function jsonOrText(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/** A parser's own way of saying no: anything else (TypeError, RangeError from a blown stack) is a bug. */
export function isRefusal(error: unknown): boolean {
  return error instanceof DeviceError || error instanceof DocumentFetchError || error instanceof ChainConfigError;
}
