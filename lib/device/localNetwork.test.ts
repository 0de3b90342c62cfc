import { describe, expect, it } from "vitest";
import { readLocalNetworkPermission, supportsLocalNetworkAccess, targetAddressSpaceOf } from "./localNetwork";

describe("Local Network Access", () => {
  it("places a device host in the address space the browser will find it in", () => {
    for (const host of ["127.0.0.1", "127.8.9.1", "localhost", "dev.localhost", "[::1]"]) expect(targetAddressSpaceOf(host), host).toBe("loopback");
    for (const host of ["10.0.0.7", "172.16.0.1", "172.31.255.1", "192.168.1.20", "169.254.3.4", "[fd00::1]", "[fe80::1]", "esp32.local", "sensor"]) {
      expect(targetAddressSpaceOf(host), host).toBe("local");
    }
    for (const host of ["8.8.8.8", "172.32.0.1", "[2001:db8::1]"]) expect(targetAddressSpaceOf(host), host).toBeUndefined();
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
