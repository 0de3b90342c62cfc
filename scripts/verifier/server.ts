// The devnet's VerifyingProxy verifier: what a project's cloud runs (REFERENCE §7.2). GET /verify?chainId=&owner=
// &device= answers {"verifySignature"}: the verifier key's EIP-191 signature over (chainId, owner, device). It vouches
// for any device — the devnet has no device database — and, for tests, refuses when the URL carries `refuse`
// (403 with a reason) or signs with a key that is not the proxy's verifier when it carries `signer=wrong`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress, isAddress, keccak256, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { verifierMessage } from "../../lib/claim/proxy/verifierMessage";
import { devnetVerifierPrivateKey } from "../devnet/accounts";

export interface VerifierServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  privateKey?: Hex;
}

export interface VerifierServer {
  /** The verifier URL to put in a claim payload. */
  url: string;
  address: Hex;
  close(): Promise<void>;
}

const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, OPTIONS" } as const;
/** Signs when asked for `signer=wrong`: a key no proxy trusts. */
const wrongKey = keccak256(toHex("ioid-devnet-not-the-verifier"));

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...CORS, "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startVerifierServer(options: VerifierServerOptions = {}): Promise<VerifierServer> {
  const verifier = privateKeyToAccount(options.privateKey ?? devnetVerifierPrivateKey);
  const wrong = privateKeyToAccount(wrongKey);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === "OPTIONS") return answer(response, 204, null);
    const url = new URL(request.url ?? "/", "http://verifier");
    if (request.method !== "GET" || url.pathname !== "/verify") return answer(response, 404, { error: "GET /verify only" });
    const chainId = Number(url.searchParams.get("chainId"));
    const owner = url.searchParams.get("owner") ?? "";
    const device = url.searchParams.get("device") ?? "";
    if (!Number.isSafeInteger(chainId) || chainId <= 0) return answer(response, 400, { error: "chainId must be a positive integer" });
    if (!isAddress(owner) || !isAddress(device)) return answer(response, 400, { error: "owner and device must be 0x addresses" });
    if (url.searchParams.has("refuse")) return answer(response, 403, { error: "This device is not registered with the project." });
    const signer = url.searchParams.get("signer") === "wrong" ? wrong : verifier;
    const verifySignature = await signer.signMessage({ message: { raw: verifierMessage(chainId, getAddress(owner), getAddress(device)) } });
    answer(response, 200, { verifySignature });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => answer(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/verify`,
    address: verifier.address,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
