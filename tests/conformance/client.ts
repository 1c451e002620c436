// A ctxbus client in TypeScript, written from docs/protocol.md alone, with the official NATS
// libraries and a msgpack library from npm. test_conformance.py runs it against a real
// keeper and worker; it exits 0 and prints one JSON line per check when the bus speaks the
// protocol as documented, and exits 1 naming the first check that failed.
//
// Environment: NATS_URL (the server), CTXBUS_NS (a namespace of its own).

import { decode, encode } from "@msgpack/msgpack";
import { Objm } from "@nats-io/obj";
import { Svcm } from "@nats-io/services";
import { connect, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { createHash } from "node:crypto";

const SCHEMA_VERSION = 3;
const BLOBS_BUCKET = "ctxbus_blobs";
const ERROR_CODE_HEADER = "Nats-Service-Error-Code";
const ERROR_HEADER = "Nats-Service-Error";

type Frame = Record<string, unknown>;
type BlobRef = { bucket: string; name: string; size: number; digest: string };
type Omission = { id: string; kind: string; spans: [number, number][]; count: number };
type Entry = {
  key: string;
  original: string;
  compressed: string;
  original_tokens: number;
  compressed_tokens: number;
  agent: string | null;
  timestamp: number;
  transforms: string[];
  namespace: string;
  content_type: string;
  omitted: Omission[];
  tokens_by_family: Record<string, [number, number]>;
  original_ref: BlobRef | null;
  compressed_ref: BlobRef | null;
};
type ChangeEvent = { namespace: string; key: string; kind: string; timestamp: number };

class ServiceError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    message: string,
  ) {
    super(`${code} ${errorName}: ${message}`);
  }
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

function report(name: string, details: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ check: name, ok: true, ...details }));
}

// §1 Frames: a msgpack map {v, t, fields...}; §3.2 every request has its own request id.
let requests = 0;
const requestPrefix = createHash("sha256").update(`${process.pid}:${Date.now()}`).digest("hex").slice(0, 16);
function frame(tag: string, fields: Frame): Uint8Array {
  requests += 1;
  const request_id = `${requestPrefix}${requests.toString(16)}`;
  return encode({ v: SCHEMA_VERSION, t: tag, request_id, ...fields }, { ignoreUndefined: true });
}

function readFrame<T>(data: Uint8Array, tag: string): T {
  const body = decode(data) as Frame;
  check(body.v === SCHEMA_VERSION, `schema version ${String(body.v)}`);
  check(body.t === tag, `expected a ${tag} frame, got ${String(body.t)}`);
  return body as T;
}

// §2 Errors: headers first, then the frame.
function readReply<T>(msg: Msg, tag: string): T {
  const code = msg.headers?.get(ERROR_CODE_HEADER);
  if (code) {
    const described = msg.headers?.get(ERROR_HEADER) ?? "";
    const name = described.split(": ", 1)[0];
    const body = readFrame<{ code: number; name: string; message: string }>(msg.data, "error");
    check(body.code === Number(code) && body.name === name, "error headers agree with the body");
    throw new ServiceError(Number(code), name, body.message);
  }
  return readFrame<T>(msg.data, tag);
}

// §3.1 Keys travel as unpadded base64url tokens.
function keyToken(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

// §5 The inline limit.
function inlineLimit(maxPayload: number): number {
  return Math.max(0, Math.min(262144, Math.floor((maxPayload - 65536) / 2)));
}

// Code-point slices (§ conventions: spans count code points).
function codePointSlices(text: string, spans: [number, number][]): string {
  const points = Array.from(text);
  return spans.map(([s, e]) => points.slice(s, e).join("")).join("");
}

class Ctx {
  private readonly objm: Objm;

  constructor(
    readonly nc: NatsConnection,
    readonly ns: string,
  ) {
    this.objm = new Objm(nc);
  }

  async request<T>(op: string, tag: string, fields: Frame, reply: string, timeout = 10_000): Promise<T> {
    const msg = await this.nc.request(`ctxbus.req.${this.ns}.${op}`, frame(tag, fields), { timeout });
    return readReply<T>(msg, reply);
  }

  async raw(op: string, payload: Uint8Array): Promise<Msg> {
    return await this.nc.request(`ctxbus.req.${this.ns}.${op}`, payload, { timeout: 10_000 });
  }

  // One bucket per namespace (protocol §5); its first writer creates it.
  private bucket(): string {
    return `${BLOBS_BUCKET}_${this.ns}`;
  }

  private async blobs(create = false) {
    return create ? await this.objm.create(this.bucket()) : await this.objm.open(this.bucket());
  }

  async upload(data: Uint8Array): Promise<BlobRef> {
    const store = await this.blobs(true);
    const maxPayload = this.nc.info?.max_payload ?? 1024 * 1024;
    const chunk = Math.max(4096, Math.min(1024 * 1024, maxPayload - 65536));
    const name = `o/${createHash("sha256").update(data).digest("hex").slice(0, 32)}`;
    const info = await store.putBlob({ name, options: { max_chunk_size: chunk } }, data);
    return { bucket: this.bucket(), name, size: info.size, digest: info.digest };
  }

  async download(ref: BlobRef): Promise<string> {
    check(ref.bucket === this.bucket(), "blob refs name the namespace's bucket");
    const store = await this.blobs();
    const info = await store.info(ref.name);
    check(info !== null && info.digest === ref.digest && info.size === ref.size, "object matches its ref");
    const data = await store.getBlob(ref.name);
    check(data !== null && data.length === ref.size, "object read whole");
    const digest = "SHA-256=" + createHash("sha256").update(data).digest("base64url") + "=";
    check(digest === ref.digest, `digest ${digest} == ${ref.digest}`);
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  }

  // §6.1 put
  async put(key: string, content: string, agent: string): Promise<Entry> {
    const bytes = new TextEncoder().encode(content);
    const limit = inlineLimit(this.nc.info?.max_payload ?? 1024 * 1024);
    const fields: Frame = {
      key,
      content,
      agent,
      ttl: 600,
      max_entries: 100,
      model: "claude-sonnet-4-5-20250929",
      content_type: null,
      timeout: 25,
    };
    if (bytes.length > limit) {
      fields.content = "";
      fields.original_ref = await this.upload(bytes);
    }
    const reply = await this.request<{ entry: Entry | null }>("put", "put", fields, "entry_reply", 30_000);
    check(reply.entry !== null, "put returns its entry");
    const entry = reply.entry;
    check(entry.original === "", "a put's reply does not echo the original");
    const compressed = entry.compressed_ref ? await this.download(entry.compressed_ref) : entry.compressed;
    return { ...entry, original: content, compressed };
  }

  // §6.2 get
  async get(key: string, full = false): Promise<string | null> {
    const reply = await this.request<{ text: string | null; ref: BlobRef | null }>(
      "get",
      "key",
      { key, full },
      "text",
    );
    if (reply.ref) {
      check(reply.text === "", "a text by reference is empty inline");
      return await this.download(reply.ref);
    }
    return reply.text;
  }

  async entry(key: string): Promise<Entry | null> {
    const reply = await this.request<{ entry: Entry | null }>("entry", "key", { key }, "entry_reply");
    const entry = reply.entry;
    if (entry === null) return null;
    const original = entry.original_ref ? await this.download(entry.original_ref) : entry.original;
    const compressed = entry.compressed_ref ? await this.download(entry.compressed_ref) : entry.compressed;
    return { ...entry, original, compressed };
  }

  async omitted(key: string, id: string): Promise<string | null> {
    const reply = await this.request<{ text: string | null; ref: BlobRef | null; spans: [number, number][] | null }>(
      "omitted",
      "omitted_req",
      { key, omission_id: id },
      "text",
    );
    if (reply.ref) return codePointSlices(await this.download(reply.ref), reply.spans ?? []);
    return reply.text;
  }

  async keys(): Promise<string[]> {
    return (await this.request<{ keys: string[] }>("keys", "ns", {}, "keys")).keys;
  }

  async stats(): Promise<Frame> {
    return await this.request<Frame>("stats", "ns", {}, "stats");
  }

  async delete(key: string): Promise<boolean> {
    return (await this.request<{ deleted: boolean }>("delete", "key", { key }, "deleted")).deleted;
  }
}

// §6.5 watch: subscribe, flush, then every change arrives.
class Watch {
  readonly events: ChangeEvent[] = [];
  private waiters: (() => void)[] = [];

  static async start(nc: NatsConnection, ns: string): Promise<Watch> {
    const watch = new Watch();
    const sub = nc.subscribe(`ctxbus.evt.${ns}.*`);
    await nc.flush();
    (async () => {
      for await (const msg of sub) {
        try {
          watch.events.push(readFrame<ChangeEvent>(msg.data, "event"));
        } catch {
          continue; // readers ignore frames they cannot decode
        }
        for (const wake of watch.waiters.splice(0)) wake();
      }
    })();
    return watch;
  }

  async waitFor(key: string, kind: string, timeout = 10_000): Promise<ChangeEvent> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.events.find((e) => e.key === key && e.kind === kind);
      if (found) return found;
      const left = deadline - Date.now();
      check(left > 0, `a ${kind} event for ${key}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

// §3.4 discovery through $SRV with the official services client.
async function discover(nc: NatsConnection): Promise<void> {
  // The services package may build on another nats-core release than the transport.
  const svcm = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]);
  const client = svcm.client({ strategy: "stall", maxWait: 5000, stall: 300 });
  const names = new Set<string>();
  for await (const ping of await client.ping()) names.add(ping.name);
  check(
    names.has("ctxbus-keeper") && names.has("ctxbus-worker") && names.has("ctxbus-agent"),
    `$SRV.PING finds keeper, worker and agent: ${[...names]}`,
  );
  report("srv_ping", { services: [...names].sort() });

  const infos = [];
  for await (const info of await client.info("ctxbus-keeper")) infos.push(info);
  check(infos.length === 1, "one keeper answers $SRV.INFO");
  const endpoints = new Map(infos[0].endpoints.map((e) => [e.name, e]));
  for (const [op, request, reply] of [
    ["put", "put", "entry_reply"],
    ["get", "key", "text"],
    ["entry", "key", "entry_reply"],
    ["omitted", "omitted_req", "text"],
    ["keys", "ns", "keys"],
    ["stats", "ns", "stats"],
    ["clear", "ns", "cleared"],
    ["delete", "key", "deleted"],
    ["fit", "fit_req", "fit"],
  ]) {
    const endpoint = endpoints.get(op);
    check(endpoint, `keeper endpoint ${op}`);
    check(endpoint.subject === `ctxbus.req.*.${op}`, `${op} subject ${endpoint.subject}`);
    check(endpoint.queue_group === "ctxbus-keepers", `${op} queue group`);
    check(endpoint.metadata?.request === request && endpoint.metadata?.reply === reply, `${op} frames`);
    check(endpoint.metadata?.schema === String(SCHEMA_VERSION), `${op} schema`);
  }
  report("srv_info", { endpoints: [...endpoints.keys()].sort() });
}

async function main(): Promise<void> {
  const url = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
  const ns = process.env.CTXBUS_NS ?? "conformance";
  const nc = await connect({ servers: url, name: "ctxbus-conformance-ts" });
  try {
    await discover(nc);
    const ctx = new Ctx(nc, ns);
    const watch = await Watch.start(nc, ns);

    // An inline put whose omitted part holds characters outside the BMP (code points).
    const records = Array.from({ length: 150 }, (_, i) => ({
      id: i,
      status: "done",
      note: "ok ✅ 🚀 naïve",
      ms: (i * 37) % 90,
      path: `/api/v1/items/${i}`,
    }));
    const report_ = JSON.stringify(records, null, 1);
    const key = "ts/ünïcode report";
    const entry = await ctx.put(key, report_, "ts-agent");
    check(entry.key === key && entry.agent === "ts-agent" && entry.namespace === ns, "entry names key, agent, ns");
    check(entry.content_type === "json", `content type ${entry.content_type}`);
    check(entry.compressed_tokens < entry.original_tokens, "compressed is smaller");
    check(entry.original_ref === null && entry.compressed_ref === null, "small texts travel inline");
    check(Array.isArray(entry.tokens_by_family.claude), "tokens by family");
    report("put", { original_tokens: entry.original_tokens, compressed_tokens: entry.compressed_tokens });

    const compressed = await ctx.get(key);
    check(compressed === entry.compressed, "get returns the compressed text of the put");
    const full = await ctx.get(key, true);
    check(full === report_, "get full returns the original, exactly");
    check((await ctx.get("ts/never put")) === null, "a missing key reads as nil");
    report("get", { compressed_chars: compressed.length, full_chars: full.length });

    const stored = await watch.waitFor(key, "stored");
    check(stored.namespace === ns, "event namespace");
    report("watch_stored");

    const whole = await ctx.entry(key);
    check(whole !== null && whole.original === report_ && whole.compressed === entry.compressed, "entry has both texts");
    check(whole.omitted.length > 0, "the JSON records were omitted");
    const omission = whole.omitted[0];
    const part = await ctx.omitted(key, omission.id);
    check(part === codePointSlices(report_, omission.spans), "omitted part = original spans in code points");
    check(part.includes("🚀"), "the omitted part has the astral characters");
    report("entry_and_omitted", { omission: omission.id, chars: part.length });

    // §6.7 agent tasks: subscribe to the outcome, flush, request the task.
    const done = await runTask(nc, ns, "analyst", "Summarise the records.", [{ key }], "ts/summary");
    check(done.ok === true && done.role === "analyst" && done.output_key === "ts/summary", "task done");
    check(done.inputs_used.length === 1 && done.inputs_used[0].key === key, "the input the agent read");
    check(done.inputs_used[0].full === false && done.inputs_used[0].tokens === entry.compressed_tokens, "read compressed");
    const answer = await ctx.get("ts/summary");
    check(answer !== null && answer.length > 0, "the agent put its answer");
    const failed = await runTask(nc, ns, "analyst", "Summarise.", [{ key: "ts/never put" }], "ts/none");
    check(failed.ok === false && failed.error_code === 424 && failed.error_name === "missing_input", "missing input");
    check((await ctx.get("ts/none")) === null, "a failed task stores nothing");
    check((await ctx.delete("ts/summary")) === true, "delete the answer");
    report("agent_tasks", { agent: done.agent, offline: done.offline });

    // A large put: the original travels through the object store (claim check).
    const lines = Array.from(
      { length: 4000 },
      (_, i) =>
        `2026-12-02T00:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.${String(i % 1000).padStart(3, "0")}Z INFO gateway request id=${i} path=/api/v1/items/${i % 500} status=200 ms=${(i * 37) % 90} ✅`,
    ).join("\n");
    check(new TextEncoder().encode(lines).length > inlineLimit(nc.info?.max_payload ?? 0), "large text");
    const bigKey = "ts/large log";
    const big = await ctx.put(bigKey, lines, "ts-agent");
    check(big.original_ref !== null && big.original_ref.bucket === `${BLOBS_BUCKET}_${ns}`, "the entry refers to the upload");
    check(big.compressed.length > 0 && big.compressed_tokens < big.original_tokens, "large text compressed");
    check((await ctx.get(bigKey, true)) === lines, "large original read back from the object store");
    check((await ctx.get(bigKey)) === big.compressed, "large entry's compressed text");
    report("large_put_and_get", { bytes: big.original_ref.size });

    const keys = await ctx.keys();
    check(keys.length === 2 && keys[0] === key && keys[1] === bigKey, `keys in put order: ${keys}`);
    const stats = await ctx.stats();
    check(stats.entries === 2 && stats.namespace === ns, "stats");
    report("keys_and_stats", { keys });

    // §2: errors as service headers plus an ErrorReply frame.
    let error = readError(await ctx.raw("get", new Uint8Array([0xc1])));
    check(error.code === 400 && error.errorName === "malformed_frame", `not msgpack: ${error.message}`);
    error = readError(await ctx.raw("get", encode({ v: 1, t: "key", key })));
    check(error.code === 426 && error.errorName === "unsupported_version", `old version: ${error.message}`);
    error = readError(await ctx.raw("get", encode({ v: 2, t: "key", key })));
    check(error.code === 426 && error.errorName === "unsupported_version", `v2 request: ${error.message}`);
    error = readError(await ctx.raw("get", encode({ v: SCHEMA_VERSION, t: "key" })));
    check(error.code === 400 && error.errorName === "malformed_frame", `missing field: ${error.message}`);
    error = await ctx.omitted(key, "o999").then(
      () => new ServiceError(0, "", "no error"),
      (e: unknown) => e as ServiceError,
    );
    check(error.code === 404 && error.errorName === "omission_not_found", `omission: ${error.message}`);
    report("errors");

    check((await ctx.delete(key)) === true && (await ctx.delete(key)) === false, "delete once");
    await watch.waitFor(key, "deleted");
    check((await ctx.get(key)) === null, "deleted entries read as nil");
    check((await ctx.delete(bigKey)) === true, "delete the large entry");
    report("delete_and_watch_deleted", { events: watch.events.map((e) => `${e.kind}:${e.key}`) });

    // $SRV.STATS counts the traffic just made.
    const svcm = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]);
    for await (const stats of await svcm.client({ strategy: "stall", maxWait: 5000, stall: 300 }).stats("ctxbus-keeper")) {
      const put = stats.endpoints?.find((e) => e.name === "put");
      check(put && put.num_requests >= 2, "$SRV.STATS counts the puts");
      const get = stats.endpoints?.find((e) => e.name === "get");
      check(get && get.num_errors >= 3, "$SRV.STATS counts the refused gets");
    }
    report("srv_stats");
    console.log(JSON.stringify({ done: true, subject_token: keyToken(key) }));
  } finally {
    await nc.close();
  }
}

type TaskDone = {
  task_id: string;
  role: string;
  agent: string;
  ok: boolean;
  output_key: string;
  offline: boolean;
  inputs_used: { key: string; full: boolean; tokens: number }[];
  error_code: number;
  error_name: string;
  error: string;
};

async function runTask(
  nc: NatsConnection,
  ns: string,
  role: string,
  instruction: string,
  inputs: { key: string; full?: boolean }[],
  outputKey: string,
): Promise<TaskDone> {
  const taskId = createHash("sha256").update(`${instruction}:${outputKey}:${Date.now()}`).digest("hex").slice(0, 32);
  const sub = nc.subscribe(`ctxbus.taskdone.${ns}.${taskId}`, { max: 1 });
  await nc.flush();
  const task = encode({
    v: SCHEMA_VERSION,
    t: "task",
    task_id: taskId,
    role,
    instruction,
    inputs: inputs.map((i) => ({ key: i.key, full: i.full ?? false })),
    output_key: outputKey,
    namespace: ns,
    options: {},
  });
  const accepted = readReply<{ task_id: string; agent: string }>(
    await nc.request(`ctxbus.task.${ns}.${role}`, task, { timeout: 10_000 }),
    "task_accepted",
  );
  check(accepted.task_id === taskId, "the agent accepted this task");
  const timer = setTimeout(() => sub.unsubscribe(), 30_000);
  try {
    for await (const msg of sub) return readFrame<TaskDone>(msg.data, "task_done");
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`no task_done for ${taskId} within 30 s`);
}

function readError(msg: Msg): ServiceError {
  try {
    readReply(msg, "text");
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error("expected an error reply");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
    process.exit(1);
  },
);
