/**
 * Serialises like cJSON_Print, the formatter ioConnect firmware uses, so the virtual device's
 * bytes look like a real device's: objects one member per line, indented with tabs, `"key":\t`
 * before each value; arrays inline with ", " between elements (objects inside still break lines);
 * no trailing newline.
 */
export function formatLikeCJSON(value: unknown): string {
  return print(value, 0);
}

function print(value: unknown, depth: number): string {
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return printNumber(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    // cJSON raises the depth for array elements even though it prints them inline.
    return `[${value.map((item) => print(item, depth + 1)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    const inner = "\t".repeat(depth + 1);
    const lines = entries.map(([k, v], i) => `${inner}${JSON.stringify(k)}:\t${print(v, depth + 1)}${i < entries.length - 1 ? "," : ""}\n`);
    return `{\n${lines.join("")}${"\t".repeat(depth)}}`;
  }
  return "null";
}

function printNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  // cJSON prints integral values with %d and others with %1.15g/%1.17g; JS's shortest
  // round-trip form agrees for the values devices send (they send none today).
  return Number.isInteger(n) && Math.abs(n) <= 2 ** 31 ? n.toFixed(0) : String(n);
}
