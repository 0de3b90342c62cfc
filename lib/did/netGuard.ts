// Which IP addresses a server may fetch a document from on someone else's say-so. A documentURI is written by
// whoever registered the device, so a resolver that follows it blindly is an open door into its own network
// (cloud metadata, admin ports, other tenants). Only globally routable unicast addresses pass.

/** A hostname as `URL.hostname` gives it: IPv6 in brackets, IPv4 already normalised ("0x7f.1" → "127.0.0.1"). */
export function ipLiteral(hostname: string): { family: 4 | 6; bytes: Uint8Array } | undefined {
  const v4 = parseIPv4(hostname);
  if (v4) return { family: 4, bytes: v4 };
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const v6 = parseIPv6(hostname.slice(1, -1));
    if (v6) return { family: 6, bytes: v6 };
  }
  const bare = parseIPv6(hostname);
  return bare ? { family: 6, bytes: bare } : undefined;
}

export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes[i] = Number(part);
  }
  return bytes;
}

export function parseIPv6(text: string): Uint8Array | undefined {
  let body = text.toLowerCase();
  const zone = body.indexOf("%");
  if (zone >= 0) body = body.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(body) || body.length < 2) return undefined;
  const groups: number[] = [];
  // A dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseIPv4(tail);
    if (!v4) return undefined;
    body = `${body.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...rest].some(Number.isNaN)) return undefined;
  if (halves.length === 1 && head.length !== 8) return undefined;
  if (halves.length === 2 && head.length + rest.length > 7) return undefined;
  groups.push(...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest);
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

const inV4 = (b: Uint8Array, prefix: [number, number, number, number], bits: number): boolean => {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) break;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((b[i]! & mask) !== (prefix[i]! & mask)) return false;
  }
  return true;
};

// RFC 6890 special-purpose blocks and the ranges clouds use for metadata, in CIDR form.
const blockedV4: [[number, number, number, number], number, string][] = [
  [[0, 0, 0, 0], 8, "this network"],
  [[10, 0, 0, 0], 8, "private (10/8)"],
  [[100, 64, 0, 0], 10, "carrier-grade NAT (100.64/10)"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local / cloud metadata (169.254/16)"],
  [[172, 16, 0, 0], 12, "private (172.16/12)"],
  [[192, 0, 0, 0], 24, "IETF protocol assignments"],
  [[192, 0, 2, 0], 24, "documentation"],
  [[192, 88, 99, 0], 24, "6to4 relay"],
  [[192, 168, 0, 0], 16, "private (192.168/16)"],
  [[198, 18, 0, 0], 15, "benchmarking"],
  [[198, 51, 100, 0], 24, "documentation"],
  [[203, 0, 113, 0], 24, "documentation"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved / broadcast"],
];

function blockedV4Reason(b: Uint8Array): string | undefined {
  return blockedV4.find(([prefix, bits]) => inV4(b, prefix, bits))?.[2];
}

/** Why an address must not be fetched, or undefined when it is public. */
export function blockedAddressReason(ip: { family: 4 | 6; bytes: Uint8Array }): string | undefined {
  const b = ip.bytes;
  if (ip.family === 4) return blockedV4Reason(b);
  const zeroUntil = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeroUntil(15) && b[15] === 0) return "unspecified (::)";
  if (zeroUntil(15) && b[15] === 1) return "loopback (::1)";
  // IPv4-mapped (::ffff:a.b.c.d), SIIT IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d) and
  // NAT64 (64:ff9b::/96) carry an IPv4 address.
  if (zeroUntil(10) && b[10] === 0xff && b[11] === 0xff) return embedded(b.slice(12));
  if (zeroUntil(8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return embedded(b.slice(12)) ?? "SIIT IPv4-translated (::ffff:0:0:0/96)";
  if (zeroUntil(12)) return embedded(b.slice(12)) ?? "IPv4-compatible";
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return embedded(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return embedded(b.slice(2, 6)); // 6to4
  if ((b[0]! & 0xfe) === 0xfc) return "unique local (fc00::/7)";
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return "link-local (fe80::/10)";
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return "site-local (fec0::/10)";
  if (b[0] === 0xff) return "multicast";
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return "documentation (2001:db8::/32)";
  if (b[0] === 0x01 && b.slice(1, 8).every((x) => x === 0)) return "discard (100::/64)";
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return "Teredo (2001::/32)";
  return undefined;
}

function embedded(v4: Uint8Array): string | undefined {
  const reason = blockedV4Reason(v4);
  return reason ? `${reason}, embedded in IPv6` : undefined;
}

/** Host names that mean "this machine or its LAN" without DNS: refused even where no resolver is injected. */
export function isLocalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal") || h.endsWith(".home.arpa") || !h.includes(".");
}
