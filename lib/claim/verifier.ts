import { publicActions, type Client, type PublicClient } from "viem";

// The heavy half of the claim — payload schemas, curve maths, JCS, the contract ABIs — loaded on first use,
// so /claim paints and becomes interactive without it (see the claim page's first-load figure in npm run bench).
export { parseClaimInput } from "./input/parse";
export { openSession } from "../device/openSession";
export { runClaimChecks, simulateRegister } from "./runChecks";
export { claimResultFromReceipt, executePlan } from "./execute";
export { runProxyChecks } from "./proxy/runProxyChecks";
export { restrictProxyClaim } from "./proxy/proxyRestriction";
export { resumedTakeOverResult, takeOverResult } from "./takeOver/takeOverChecks";
export { readDeviceNonce } from "./devicePermit";
export { parseStoredClaim } from "./storedClaim";
export { ownerTokenCandidates } from "./ownerTokens";
export { discoverOwnerNFTs } from "../chain/ownerNfts/discover";

const decorated = new WeakMap<Client, PublicClient>();

/** wagmi's bare client for a chain, with viem's public actions: one object per client, so caches stay shared. */
export function publicClientOf(client: Client): PublicClient {
  let publicClient = decorated.get(client);
  if (!publicClient) {
    publicClient = client.extend(publicActions) as PublicClient;
    decorated.set(client, publicClient);
  }
  return publicClient;
}
