import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";
import type en from "@/messages/en.json";
import { text, untranslated, type Text } from "../i18n/text";
import { isAllowedOrigin, isSecureOrLoopback } from "./origins";
import { embedModes, type EmbedMode } from "./protocol";

/**
 * The URL parameters of /embed/claim (docs/embed-api.md). Everything a host page controls arrives here, so
 * everything is checked: unknown names, repeated names, and values outside their narrow shapes are refused
 * with a sentence the page shows, never guessed at. Each refusal is a key of the catalogs' EmbedParams, worded in
 * the visitor's language by the page.
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

export type EmbedParamsResult = { ok: true; params: EmbedParams } | { ok: false; errors: Text[] };

/** Why a parameter is refused: a key of messages' EmbedParams, given to zod as the issue's message. */
type Problem = keyof (typeof en)["EmbedParams"];
const problem = (p: Problem) => p;

const once = { error: (issue: { input: unknown }) => problem(Array.isArray(issue.input) ? "once" : "notText") };
const param = (max: number) => z.string(once).max(max, { message: problem("tooLong"), abort: true });

function rawSchema(ctx: EmbedParamsContext) {
  const allowedHost = (value: string) => isAllowedOrigin(value, ctx.allowedOrigins);
  return z
    .strictObject(
      {
        mode: z.enum(embedModes, { error: problem("mode") }),
        // `mode` is how the flow talks to its host; what it claims is `flow`.
        flow: z.enum(["single", "fleet"], { error: problem("flow") }).default("single"),
        // The loader says which protocol version it speaks; only 1 exists.
        v: z.literal("1", { error: problem("version") }).optional(),
        chain: param(12)
          .regex(/^\d+$/, problem("chainDigits"))
          .transform(Number)
          .refine((id) => ctx.chainIds.includes(id), problem("chainNotOffered"))
          .optional(),
        project: param(20)
          .regex(/^[1-9]\d*$/, problem("project"))
          .transform(BigInt)
          .optional(),
        deviceNFT: param(42)
          .refine((s) => isAddress(s, { strict: false }), problem("deviceNFT"))
          .transform((s) => getAddress(s))
          .optional(),
        theme: z.enum(["light", "dark"], { error: problem("theme") }).default("light"),
        // Only a six-digit hex colour: it becomes a CSS value, so nothing else may pass.
        accent: param(64)
          .regex(/^#[0-9a-fA-F]{6}$/, problem("accent"))
          .transform((s) => s.toLowerCase() as `#${string}`)
          .optional(),
        locale: param(35)
          .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, problem("locale"))
          .optional(),
        return_to: param(2048)
          .refine((s) => URL.canParse(s), { message: problem("absoluteUrl"), abort: true })
          .refine((s) => isSecureOrLoopback(new URL(s)), { message: problem("httpsUrl"), abort: true })
          .refine((s) => !new URL(s).username && !new URL(s).password, { message: problem("credentials"), abort: true })
          .refine((s) => allowedHost(new URL(s).origin), problem("notAllowed"))
          .optional(),
        origin: param(300)
          .refine((s) => URL.canParse(s) && new URL(s).origin === s, { message: problem("origin"), abort: true })
          .refine((s) => isSecureOrLoopback(new URL(s)), { message: problem("httpsOrigin"), abort: true })
          .refine(allowedHost, problem("notAllowed"))
          .optional(),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? problem("unknown") : undefined) },
    )
    .superRefine((p, c) => {
      if ((p.project === undefined) === (p.deviceNFT === undefined)) {
        c.addIssue({ code: "custom", message: problem("restriction") });
      }
      if (p.mode === "redirect" && p.return_to === undefined) {
        c.addIssue({ code: "custom", path: ["return_to"], message: problem("requiredRedirect") });
      }
      if (p.mode === "redirect" && p.flow === "fleet") {
        c.addIssue({ code: "custom", path: ["flow"], message: problem("fleetRedirect") });
      }
      if (p.mode !== "redirect" && p.origin === undefined) {
        c.addIssue({ code: "custom", path: ["origin"], message: problem("requiredOrigin"), params: { mode: p.mode } });
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
    return { ok: false, errors: parsed.error.issues.map((issue) => refusal(issue, ctx)) };
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

// Every message this schema sets is a Problem (one word); zod's own, which it should never reach, are sentences.
const isProblem = (message: string): message is Problem => /^[A-Za-z]+$/.test(message);

/** One refused parameter as the visitor reads it: the catalog's sentence, with what it needs from the issue. */
function refusal(issue: z.core.$ZodIssue, ctx: EmbedParamsContext): Text {
  const name = issue.path.join(".");
  if (!isProblem(issue.message)) return untranslated(name ? `${name}: ${issue.message}` : issue.message);
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  return text(`EmbedParams.${issue.message}`, {
    param: name,
    max: issue.code === "too_big" ? Number(issue.maximum) : 0,
    chains: ctx.chainIds.join(", "),
    modes: embedModes.join(", "),
    mode: issue.code === "custom" ? String((issue.params as { mode?: unknown } | undefined)?.mode ?? "") : "",
    keys: keys.join(", "),
    count: keys.length,
  });
}
