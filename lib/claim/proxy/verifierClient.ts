import type { Address, Hex } from "viem";

export type VerifierErrorCode = "verifier-url" | "verifier-insecure" | "verifier-timeout" | "verifier-unreachable" | "verifier-refused" | "verifier-answer";

/** Why the project's verifier gave no usable signature, in the owner's words. */
export class VerifierError extends Error {
  override name = "VerifierError";
  constructor(
    readonly code: VerifierErrorCode,
    message: string,
  ) {
    super(message);
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
export function verifierUrl(text: string, allowHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new VerifierError("verifier-url", `The project's verifier address "${preview(text)}" is not a web address.`);
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    throw new VerifierError("verifier-insecure", `The project's verifier must be reached over https; "${url.origin}" is not.`);
  }
  if (url.username || url.password) throw new VerifierError("verifier-url", "The project's verifier address must not carry a user name or password.");
  return url;
}

const MAX_ANSWER_BYTES = 4_096;
const preview = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

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
      throw new VerifierError("verifier-timeout", `The project's verifier at ${url.host} did not answer in time. Try again later.`);
    }
    throw new VerifierError("verifier-unreachable", `The project's verifier at ${url.host} could not be reached. Check your connection and try again.`);
  }
  const text = (await response.text()).slice(0, MAX_ANSWER_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const said = typeof (body as { error?: unknown })?.error === "string" ? `: “${preview((body as { error: string }).error)}”` : "";
    throw new VerifierError("verifier-refused", `The project's verifier refused this device (HTTP ${response.status})${said}`);
  }
  const signature = (body as { verifySignature?: unknown })?.verifySignature;
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new VerifierError("verifier-answer", `The project's verifier answered without a signature (expected {"verifySignature": "0x" + 130 hex digits}).`);
  }
  return signature as Hex;
}
