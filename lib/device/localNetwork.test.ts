import { describe, expect, it } from "vitest";
import { needsLocalNetworkPermission, pageAddressSpace, readLocalNetworkPermission, supportsLocalNetworkAccess, targetAddressSpaceOf } from "./localNetwork";

describe("Local Network Access", () => {
  it("places a device host in the address space the browser will find it in", () => {
    for (const host of ["127.0.0.1", "127.8.9.1", "localhost", "dev.localhost", "[::1]"]) expect(targetAddressSpaceOf(host), host).toBe("loopback");
    for (const host of ["10.0.0.7", "172.16.0.1", "172.31.255.1", "192.168.1.20", "169.254.3.4", "[fd00::1]", "[fe80::1]", "esp32.local", "sensor"]) {
      expect(targetAddressSpaceOf(host), host).toBe("local");
    }
    for (const host of ["8.8.8.8", "172.32.0.1", "[2001:db8::1]"]) expect(targetAddressSpaceOf(host), host).toBeUndefined();
  });

  it("places the page by its host name: a deployment's name is public, the owner's machine loopback", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) expect(pageAddressSpace(host), host).toBe("loopback");
    for (const host of ["192.168.1.5", "pi.local"]) expect(pageAddressSpace(host), host).toBe("local");
    for (const host of ["wallet.example.org", "8.8.8.8", "[2001:db8::1]", "intranet"]) expect(pageAddressSpace(host), host).toBe("public");
  });

  it("needs the permission only for a call into a more private space than the page's", () => {
    expect(needsLocalNetworkPermission("wallet.example.org", "local")).toBe(true);
    expect(needsLocalNetworkPermission("wallet.example.org", "loopback")).toBe(true);
    expect(needsLocalNetworkPermission("192.168.1.5", "loopback")).toBe(true);
    expect(needsLocalNetworkPermission("192.168.1.5", "local")).toBe(false);
    expect(needsLocalNetworkPermission("localhost", "local")).toBe(false);
    expect(needsLocalNetworkPermission("127.0.0.1", "loopback")).toBe(false);
    expect(needsLocalNetworkPermission("wallet.example.org", undefined)).toBe(false);
  });

  it("detects the request option from the Request prototype", () => {
    class WithLna {
      targetAddressSpace = "local";
    }
    Object.defineProperty(WithLna.prototype, "targetAddressSpace", { get: () => "local" });
    expect(supportsLocalNetworkAccess({ Request: WithLna })).toBe(true);
    expect(supportsLocalNetworkAccess({ Request: class {} })).toBe(false);
    expect(supportsLocalNetworkAccess({})).toBe(false);
  });

  it("reads the permission, and says unsupported where the name is unknown", async () => {
    const known = { query: async () => ({ state: "denied" }) as PermissionStatus };
    expect(await readLocalNetworkPermission(known)).toBe("denied");
    const unknown = { query: () => Promise.reject(new TypeError("The provided value 'local-network-access' is not a valid enum value")) };
    expect(await readLocalNetworkPermission(unknown)).toBe("unsupported");
    expect(await readLocalNetworkPermission(undefined)).toBe("unsupported");
  });
});
