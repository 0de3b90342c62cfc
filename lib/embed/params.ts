import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";
import { isAllowedOrigin, isSecureOrLoopback } from "./origins";
import { embedModes, type EmbedMode } from "./protocol";

/**
 * The URL parameters of /embed/claim (docs/embed-api.md). Everything a host page controls arrives here, so
 * everything is checked: unknown names, repeated names, and values outside their narrow shapes are refused
 * with a sentence the page shows, never guessed at.
 */


export interface EmbedParams {
  mode: EmbedMode;
  /** One device, or many in one flow (the fleet claim, for projects that onboard devices by the dozen). */
  flow: "single" | "fleet";
  /** Undefined: the build's default chain. */
  chainId: number | undefined;
  /** Exactly one restriction: the project id, or the device-NFT contract (whose project the chain knows). */
  projectId: bigint | undefined;
  deviceNFT: Address | undefined;
  theme: "light" | "dark";
  /** `#rrggbb`, lower case; undefined keeps the app's own colour. */
  accent: `#${string}` | undefined;
  locale: string | undefined;
  /** Redirect mode: where to send the owner back, with the outcome in the query. */
  returnTo: string | undefined;
  /** The page the flow reports to: `origin=` (iframe, popup) or return_to's origin (redirect). */
  hostOrigin: string;
}

export interface EmbedParamsContext {
  /** Chain ids this build offers. */
  chainIds: readonly number[];
  /** EMBED_ALLOWED_ORIGINS, parsed (see origins.ts). */
  allowedOrigins: readonly string[];
}

export type EmbedParamsResult = { ok: true; params: EmbedParams } | { ok: false; errors: string[] };

const once = { error: (issue: { input: unknown }) => (Array.isArray(issue.input) ? "give this parameter once" : "must be text") };
const text = (max: number) => z.string(once).max(max, { message: `at most ${max} characters`, abort: true });

function rawSchema(ctx: EmbedParamsContext) {
  const allowedHost = (value: string) => isAllowedOrigin(value, ctx.allowedOrigins);
  return z
    .strictObject(
      {
        mode: z.enum(embedModes, { error: `one of ${embedModes.join(", ")}` }),
        // `mode` is how the flow talks to its host; what it claims is `flow`.
        flow: z.enum(["single", "fleet"], { error: "single or fleet" }).default("single"),
        // The loader says which protocol version it speaks; only 1 exists.
        v: z.literal("1", { error: "only version 1 exists" }).optional(),
        chain: text(12)
          .regex(/^\d+$/, "a chain id (digits)")
          .transform(Number)
          .refine((id) => ctx.chainIds.includes(id), `not offered here (use ${ctx.chainIds.join(", ")})`)
          .optional(),
        project: text(20)
          .regex(/^[1-9]\d*$/, "a positive whole number (the ioID project id)")
          .transform(BigInt)
          .optional(),
        deviceNFT: text(42)
          .refine((s) => isAddress(s, { strict: false }), "a 0x contract address")
          .transform((s) => getAddress(s))
          .optional(),
        theme: z.enum(["light", "dark"], { error: "light or dark" }).default("light"),
        // Only a six-digit hex colour: it becomes a CSS value, so nothing else may pass.
        accent: text(64)
          .regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour")
          .transform((s) => s.toLowerCase() as `#${string}`)
          .optional(),
        locale: text(35)
          .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, "a language tag such as en or zh-CN")
          .optional(),
        return_to: text(2048)
          .refine((s) => URL.canParse(s), { message: "an absolute URL", abort: true })
          .refine((s) => isSecureOrLoopback(new URL(s)), { message: "an https URL (plain http only on localhost)", abort: true })
          .refine((s) => !new URL(s).username && !new URL(s).password, { message: "a URL without credentials", abort: true })
          .refine((s) => allowedHost(new URL(s).origin), "not on this wallet's list of allowed hosts (EMBED_ALLOWED_ORIGINS)")
          .optional(),
        origin: text(300)
          .refine((s) => URL.canParse(s) && new URL(s).origin === s, { message: "an origin such as https://example.com (no path)", abort: true })
          .refine((s) => isSecureOrLoopback(new URL(s)), { message: "an https origin (plain http only on localhost)", abort: true })
          .refine(allowedHost, "not on this wallet's list of allowed hosts (EMBED_ALLOWED_ORIGINS)")
          .optional(),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` : undefined) },
    )
    .superRefine((p, c) => {
      if ((p.project === undefined) === (p.deviceNFT === undefined)) {
        c.addIssue({ code: "custom", message: "give either project (an ioID project id) or deviceNFT (a device-NFT contract), not both and not neither" });
      }
      if (p.mode === "redirect" && p.return_to === undefined) {
        c.addIssue({ code: "custom", path: ["return_to"], message: "required in redirect mode" });
      }
      if (p.mode === "redirect" && p.flow === "fleet") {
        c.addIssue({ code: "custom", path: ["flow"], message: "a fleet reports each device by message: use iframe or popup mode" });
      }
      if (p.mode !== "redirect" && p.origin === undefined) {
        c.addIssue({ code: "custom", path: ["origin"], message: `required in ${p.mode} mode: the host page's origin` });
      }
    });
}

/** Next's searchParams or a URLSearchParams: repeated names become arrays, so they can be refused. */
export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function toRecord(search: RawSearchParams): Record<string, string | string[]> {
  if (!(search instanceof URLSearchParams)) {
    return Object.fromEntries(Object.entries(search).filter((e): e is [string, string | string[]] => e[1] !== undefined));
  }
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    record[key] = all.length === 1 ? all[0]! : all;
  }
  return record;
}

export function parseEmbedParams(search: RawSearchParams, ctx: EmbedParamsContext): EmbedParamsResult {
  const parsed = rawSchema(ctx).safeParse(toRecord(search));
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)) };
  }
  const p = parsed.data;
  const hostOrigin = p.mode === "redirect" ? new URL(p.return_to!).origin : p.origin!;
  return {
    ok: true,
    params: {
      mode: p.mode,
      flow: p.flow,
      chainId: p.chain,
      projectId: p.project,
      deviceNFT: p.deviceNFT,
      theme: p.theme,
      accent: p.accent,
      locale: p.locale,
      returnTo: p.return_to,
      hostOrigin,
    },
  };
}
