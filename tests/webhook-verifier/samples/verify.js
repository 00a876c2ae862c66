// Verifying Wekeza webhooks in Node.js with node:crypto alone (docs/webhooks.md shows the regions below).
//   node verify.js serve <port> <whsec_…>    a receiver at http://localhost:<port>/webhooks/wekeza
//   node verify.js check <whsec_…> <webhook-id> <webhook-timestamp> <webhook-signature> <body file> [now, Unix seconds]
// run.sh runs both against signatures computed with openssl. An ES module (tests/webhook-verifier/package.json).

import { readFileSync } from "node:fs";

// #region verify
import { createHmac, timingSafeEqual } from "node:crypto";

const TOLERANCE_SECONDS = 5 * 60;

/**
 * True when `headers` (lower-case names, as Node gives them) carry a valid signature of `body` by `secret`, and a
 * webhook-timestamp within five minutes of `now`. `body` is the raw request body, a Buffer, exactly as received.
 */
export function verifyWebhook(secret, headers, body, now = Date.now() / 1000) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !signatures || !/^[0-9]+$/.test(timestamp ?? "")) return false;
  if (Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) return false;

  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  return signatures.split(" ").some((signature) => {
    if (!signature.startsWith("v1,")) return false;
    const given = Buffer.from(signature.slice(3), "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
// #endregion

// #region receiver
import { createServer } from "node:http";

export function serve(port, secret) {
  const handled = new Set(); // in production: your database, in the transaction of the work
  return createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks); // the raw bytes, exactly as received: verify before parsing
      if (request.method !== "POST" || !verifyWebhook(secret, request.headers, body)) {
        response.writeHead(401).end();
        return;
      }
      const id = request.headers["webhook-id"];
      if (!handled.has(id)) { // a retry of an event already handled is acknowledged and skipped
        handled.add(id);
        const event = JSON.parse(body);
        console.log(`${event.type} ${event.subject} #${event.sequence}`);
      }
      response.writeHead(204).end();
    });
  }).listen(port, "localhost");
}
// #endregion

const [mode, ...args] = process.argv.slice(2);
if (mode === "check") {
  const [secret, id, timestamp, signature, bodyFile, now] = args;
  const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  const valid = verifyWebhook(secret, headers, readFileSync(bodyFile), now === undefined ? undefined : Number(now));
  console.log(valid ? "ok" : "fail");
  process.exitCode = valid ? 0 : 1;
} else if (mode === "serve") {
  serve(Number(args[0]), args[1]);
} else {
  console.error("usage: node verify.js serve <port> <secret> | check <secret> <id> <timestamp> <signature> <body file> [now]");
  process.exitCode = 2;
}
