import { describe, expect, it } from "vitest";
import { certificateCheckUrl, deviceOrigins, parseDeviceEndpoint } from "./endpoint";
import { errorOf } from "./testing";
import { english } from "../i18n/renderText";

describe("parseDeviceEndpoint", () => {
  it("keeps an explicit scheme as an origin and a bare host:port bare", () => {
    expect(parseDeviceEndpoint(" https://192.168.1.20:8000/ ")).toBe("https://192.168.1.20:8000");
    expect(parseDeviceEndpoint("http://ESP32.local:8000")).toBe("http://esp32.local:8000");
    expect(parseDeviceEndpoint("192.168.1.20:8000")).toBe("192.168.1.20:8000");
    expect(parseDeviceEndpoint("ESP32.local:8000")).toBe("esp32.local:8000");
    // A default port stays: 192.168.1.20:443 over http is another device than https://192.168.1.20.
    expect(parseDeviceEndpoint("192.168.1.20:443")).toBe("192.168.1.20:443");
  });

  it("refuses what is not a device base address", () => {
    errorOf(() => parseDeviceEndpoint("ftp://192.168.1.20"), "endpoint-scheme");
    expect(english(errorOf(() => parseDeviceEndpoint("http://192.168.1.20:8000/did"), "endpoint-invalid").said)).toMatch(/the app adds \/did itself/);
    errorOf(() => parseDeviceEndpoint("http://user:pw@192.168.1.20"), "endpoint-invalid");
    errorOf(() => parseDeviceEndpoint(42), "endpoint-invalid");
  });
});

describe("deviceOrigins: which schemes to try, in which order", () => {
  const bare = "192.168.1.20:8000";
  const https = "https://192.168.1.20:8000";
  const http = "http://192.168.1.20:8000";

  it("an explicit scheme is the only one tried", () => {
    expect(deviceOrigins(https, { pageProtocol: "http:" }).origins).toEqual([https]);
    expect(deviceOrigins(http, { pageProtocol: "http:", remembered: "https:" }).origins).toEqual([http]);
  });

  it("an http page tries http (the Linux example) first, then https (ESP32)", () => {
    expect(deviceOrigins(bare, { pageProtocol: "http:" })).toEqual({ hostPort: bare, origins: [http, https], blockedMixedContent: undefined });
  });

  it("an https page tries https first; http only where Local Network Access lifts mixed content", () => {
    expect(deviceOrigins(bare, { pageProtocol: "https:", localNetworkAccess: true }).origins).toEqual([https, http]);
    expect(deviceOrigins(bare, { pageProtocol: "https:", localNetworkAccess: false })).toEqual({ hostPort: bare, origins: [https], blockedMixedContent: http });
    expect(deviceOrigins(http, { pageProtocol: "https:", localNetworkAccess: false })).toEqual({ hostPort: bare, origins: [], blockedMixedContent: http });
  });

  it("a scheme that worked before goes first, unless the page cannot use it", () => {
    expect(deviceOrigins(bare, { pageProtocol: "http:", remembered: "https:" }).origins).toEqual([https, http]);
    expect(deviceOrigins(bare, { pageProtocol: "https:", localNetworkAccess: true, remembered: "http:" }).origins).toEqual([http, https]);
    expect(deviceOrigins(bare, { pageProtocol: "https:", localNetworkAccess: false, remembered: "http:" }).origins).toEqual([https]);
  });

  it("the certificate page is the device's /did over https", () => {
    expect(certificateCheckUrl(bare)).toBe("https://192.168.1.20:8000/did");
    expect(certificateCheckUrl(http)).toBe("https://192.168.1.20:8000/did");
  });
});
