// The demo: builds the package when it is missing or stale, then serves the
// demo page (www/) at / and the package (pkg/) at /pkg/.
//
//   node scripts/start.mjs     (npm start; PORT=9000 npm start)
//
// No dependencies: node:http and node:fs. Tests import serve(port) and start
// the server themselves (port 0 picks a free one).
import { createServer } from "node:http";
import { existsSync, readdirSync, statSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { root, run, step } from "./lib.mjs";

const www = path.join(root, "www");
const pkg = path.join(root, "pkg");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

// The page loads only its own files; WebAssembly needs 'wasm-unsafe-eval'.
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** The newest modification time (ms) of a file or of every file under a directory. */
function newest(target) {
  let info;
  try {
    info = statSync(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

/** Why pkg/ must be (re)built, or null when it is up to date. */
export function buildNeeded() {
  const wasm = path.join(pkg, "dialguard_bg.wasm");
  if (!existsSync(wasm)) return "pkg/dialguard_bg.wasm is missing";
  const built = statSync(wasm).mtimeMs;
  for (const source of ["src", "js", "Cargo.toml"]) {
    if (newest(path.join(root, source)) > built) return `${source} changed since the last build`;
  }
  return null;
}

/** Builds pkg/ with scripts/build.mjs when it is missing or older than its sources. */
export function ensureBuilt() {
  const why = buildNeeded();
  if (why === null) return false;
  step(`Building the package: ${why}`);
  run(process.execPath, ["scripts/build.mjs"]);
  return true;
}

/**
 * Maps a request path to a file under www/ or pkg/, or returns an HTTP
 * status: 400 for a path that cannot be decoded, 403 for one that leaves its
 * directory.
 */
function resolvePath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 400;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return 400;
  let base = www;
  let rest = decoded;
  if (decoded === "/pkg" || decoded.startsWith("/pkg/")) {
    base = pkg;
    rest = decoded.slice(4);
  }
  // Reject any "." or ".." segment outright rather than normalizing it away.
  const segments = rest.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === ".." || s === ".")) return 403;
  const file = path.join(base, ...segments);
  if (file !== base && !file.startsWith(base + path.sep)) return 403;
  return file;
}

function sendError(res, status, method) {
  const text = { 400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed", 500: "Server error" }[status];
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...SECURITY_HEADERS };
  if (status === 405) headers.allow = "GET, HEAD";
  res.writeHead(status, headers);
  res.end(method === "HEAD" ? undefined : `${status} ${text}\n`);
}

async function handle(req, res) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return sendError(res, 405, method);
  let pathname;
  try {
    pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  } catch {
    return sendError(res, 400, method);
  }
  let file = resolvePath(pathname);
  if (typeof file === "number") return sendError(res, file, method);
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { location: `${pathname}/`, ...SECURITY_HEADERS });
        return res.end();
      }
      file = path.join(file, "index.html");
      info = await stat(file);
    }
    if (!info.isFile()) return sendError(res, 404, method);
  } catch {
    return sendError(res, 404, method);
  }
  let handleFile;
  try {
    handleFile = await open(file, "r");
  } catch {
    return sendError(res, 404, method);
  }
  res.writeHead(200, {
    "content-type": MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": info.size,
    // A development server: always the files as they are on disk.
    "cache-control": "no-store",
    ...SECURITY_HEADERS,
  });
  if (method === "HEAD") {
    await handleFile.close();
    return res.end();
  }
  const stream = handleFile.createReadStream();
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/**
 * Starts the demo server on `port` (0: any free port) and resolves with the
 * listening http.Server. It does not build: call ensureBuilt() first.
 */
export function serve(port = Number(process.env.PORT) || 8080) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, req.method);
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (isMain) {
  ensureBuilt();
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`✖ PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
    process.exit(1);
  }
  serve(port).then(
    (server) => {
      const { port: actual } = server.address();
      console.log(`\ndialguard demo: http://localhost:${actual}/   (Ctrl+C to stop)`);
      const stop = () => server.close(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
    (error) => {
      const hint = error.code === "EADDRINUSE" ? ` (port ${port} is in use: try PORT=8081 npm start)` : "";
      console.error(`✖ the demo server could not start: ${error.message}${hint}`);
      process.exit(1);
    },
  );
}
