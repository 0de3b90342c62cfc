import { describe, expect, it } from "vitest";
import { chainConfigs } from "../chain/config";
import { withResolverRpc } from "./server";

describe("the resolver's own node", () => {
  it("replaces the RPC of the chain named by DID_RESOLVER_RPC_<chainId>, and only that one", () => {
    const configs = withResolverRpc(chainConfigs, { DID_RESOLVER_RPC_4690: "https://node.example.org/key-123" });
    expect(configs.find((c) => c.chain.id === 4690)!.rpcUrl).toBe("https://node.example.org/key-123");
    expect(configs.find((c) => c.chain.id === 4689)!.rpcUrl).toBe(chainConfigs.find((c) => c.chain.id === 4689)!.rpcUrl);
  });

  it("keeps the configured RPC when nothing is set", () => {
    expect(withResolverRpc(chainConfigs, {}).map((c) => c.rpcUrl)).toEqual(chainConfigs.map((c) => c.rpcUrl));
  });

  it.each(["not a url", "ftp://node.example.org", "file:///etc/passwd"])("refuses %s, naming the variable", (raw) => {
    expect(() => withResolverRpc(chainConfigs, { DID_RESOLVER_RPC_31337: raw })).toThrow(`DID_RESOLVER_RPC_31337 must be an http(s) URL of a JSON-RPC node (got "${raw}")`);
  });
});
