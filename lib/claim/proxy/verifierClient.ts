import type { Address, Hex } from "viem";
import { text, type Text } from "../../i18n/text";

export type VerifierErrorCode = "verifier-url" | "verifier-insecure" | "verifier-timeout" | "verifier-unreachable" | "verifier-refused" | "verifier-answer";

/** Why the project's verifier gave no usable signature, in the owner's words (`said`; `message` names the key, for logs). */
export class VerifierError extends Error {
  override name = "VerifierError";
  constructor(
    readonly code: VerifierErrorCode,
    readonly said: Text,
  ) {
    super(`${said.key} ${JSON.stringify(said.values ?? {})}`);
  }
}

export interface VerifierRequest {
  url: string;
  chainId: number;
  owner: Address;
  device: Address;
}

export interface VerifierClientOptions {
  /** Plain http is allowed only here (the devnet's verifier on localhost). */
  allowHttp: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The rules a verifier address must meet, here and where a payload names one (lib/claim/input): a web address,
 * https (plain http only with `allowHttp`, the devnet's), no user name or password.
 */
export function verifierUrl(address: string, allowHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new VerifierError("verifier-url", text("Errors.verifier.notWebAddress", { address: preview(address) }));
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    throw new VerifierError("verifier-insecure", text("Errors.verifier.insecure", { origin: url.origin }));
  }
  if (url.username || url.password) throw new VerifierError("verifier-url", text("Errors.verifier.credentials"));
  return url;
}

const MAX_ANSWER_BYTES = 4_096;
const preview = (words: string) => (words.length > 160 ? `${words.slice(0, 160)}…` : words);

/**
 * Asks a project's verifier to vouch for (chain, owner, device), as IoTeX's proxy flow does (REFERENCE §7.2):
 * GET <url>?chainId=&owner=&device= → {"verifySignature": "0x…"}. No cookies or credentials go with it and no
 * referrer; https only outside the devnet; a timeout. The signature is not trusted here: the checklist recovers it
 * against the proxy's verifier().
 */
export async function requestVerifySignature(request: VerifierRequest, options: VerifierClientOptions): Promise<Hex> {
  const url = verifierUrl(request.url, options.allowHttp);
  url.searchParams.set("chainId", String(request.chainId));
  url.searchParams.set("owner", request.owner);
  url.searchParams.set("device", request.device);

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: "GET",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      throw new VerifierError("verifier-timeout", text("Errors.verifier.timeout", { host: url.host }));
    }
    throw new VerifierError("verifier-unreachable", text("Errors.verifier.unreachable", { host: url.host }));
  }
  const answer = (await response.text()).slice(0, MAX_ANSWER_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(answer);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const said = (body as { error?: unknown })?.error;
    const status = String(response.status);
    throw new VerifierError(
      "verifier-refused",
      typeof said === "string" ? text("Errors.verifier.refusedSaying", { status, said: preview(said) }) : text("Errors.verifier.refused", { status }),
    );
  }
  const signature = (body as { verifySignature?: unknown })?.verifySignature;
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new VerifierError("verifier-answer", text("Errors.verifier.noSignature", { shape: `{"verifySignature": "0x" + 130 hex digits}` }));
  }
  return signature as Hex;
}
