import { stat } from "node:fs/promises";
import path from "node:path";

import { type Context, Hono } from "hono";

import type { AppEnv } from "../env.ts";

/** Default folder of the built SPA (apps/ui/dist, where `vite build` writes it), used when PROCELLA_UI_DIR is not set. */
export const defaultUiDir = path.resolve(import.meta.dir, "..", "..", "..", "ui", "dist");

export interface StaticRoutesOptions {
  /** Directory holding the built SPA: index.html and the hashed files under assets/. */
  root: string;
}

/** Vite puts content-hashed file names under assets/, so those never change and may be cached for a year. */
const hashedAssetCache = "public, max-age=31536000, immutable";
const revalidateCache = "no-cache";
const otherFileCache = "public, max-age=3600";

/**
 * The SPA loads only its own scripts and styles and talks only to this
 * origin; no inline script is allowed. React sets inline `style` attributes,
 * hence 'unsafe-inline' for styles only.
 */
const documentHeaders: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  // The CLI login page carries a nonce in its URL and hands a token to the CLI; send neither as a referrer.
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

const compressibleTypes = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;
const minCompressBytes = 1024;

/** Compressed bodies by path and modification time; a miss only costs a gzip. */
const gzipCache = new Map<string, Uint8Array>();
const maxGzipCacheEntries = 500;

function notBuiltPage(root: string): Response {
  const body = `The dashboard is not built, so there is nothing to serve from ${root}.\nBuild it with: bun run build:ui (bun start builds it when it is missing).\n`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** Resolves a URL path inside `root`; undefined for paths that escape it, are malformed, or name a dotfile. */
function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.split("/").some((segment) => segment.startsWith("."))) {
    return undefined;
  }
  const resolved = path.resolve(root, `.${decoded}`);
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : undefined;
}

async function isFile(filePath: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const info = await stat(filePath);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(
  c: Context<AppEnv>,
  filePath: string,
  info: { size: number; mtimeMs: number },
  cacheControl: string,
): Promise<Response> {
  const file = Bun.file(filePath);
  const type = file.type;
  const headers: Record<string, string> = { "Content-Type": type, "Cache-Control": cacheControl, Vary: "Accept-Encoding" };
  if (type.startsWith("text/html")) {
    Object.assign(headers, documentHeaders);
  } else {
    headers["X-Content-Type-Options"] = "nosniff";
  }

  const acceptsGzip = /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
  if (acceptsGzip && info.size >= minCompressBytes && compressibleTypes.test(type)) {
    const key = `${filePath}:${info.mtimeMs}`;
    let compressed = gzipCache.get(key);
    if (!compressed) {
      compressed = Bun.gzipSync(new Uint8Array(await file.arrayBuffer()));
      if (gzipCache.size >= maxGzipCacheEntries) {
        gzipCache.clear();
      }
      gzipCache.set(key, compressed);
    }
    return new Response(compressed as Uint8Array<ArrayBuffer>, { headers: { ...headers, "Content-Encoding": "gzip" } }); // gzipSync returns an ArrayBuffer-backed array.
  }
  return new Response(file, { headers });
}

/**
 * Serves the built SPA for GET and HEAD: files as they are, and index.html
 * for any other path, so client routes such as /acme/web/dev load the app.
 * A missing file under /assets/ is a 404, so a stale script URL never gets
 * HTML back.
 */
export function createStaticRoutes(options: StaticRoutesOptions): Hono<AppEnv> {
  const root = path.resolve(options.root);
  const indexPath = path.join(root, "index.html");
  const routes = new Hono<AppEnv>();

  routes.get("/*", async function serveSpa(c) {
    c.set("endpoint", "static");
    const urlPath = c.req.path;
    if (urlPath === "/api" || urlPath.startsWith("/api/") || urlPath === "/trpc" || urlPath.startsWith("/trpc/")) {
      return c.notFound();
    }

    const filePath = resolveInside(root, urlPath);
    if (filePath === undefined) {
      return c.text("Not Found", 404);
    }
    const info = filePath === root ? undefined : await isFile(filePath);
    if (info) {
      const relative = path.relative(root, filePath);
      const cacheControl =
        relative === "index.html" ? revalidateCache : relative.startsWith(`assets${path.sep}`) ? hashedAssetCache : otherFileCache;
      return sendFile(c, filePath, info, cacheControl);
    }
    // Stack names may contain periods, so only the asset folder decides by path that a file is meant.
    if (urlPath.startsWith("/assets/")) {
      return c.text("Not Found", 404, { "Cache-Control": "no-store" });
    }

    const index = await isFile(indexPath);
    if (!index) {
      return notBuiltPage(root);
    }
    return sendFile(c, indexPath, index, revalidateCache);
  });
  return routes;
}
